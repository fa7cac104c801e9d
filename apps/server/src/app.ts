import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from '@identdesk/db';
import type { SolarisClient } from '@identdesk/solaris';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Router } from 'express';
import { SANDBOX_MOUNT_PATH, WEBHOOK_PATH } from './env.ts';
import helmet from 'helmet';
import { access, mountHttpRoutes, route, type HttpRoute } from './access/http-routes.ts';
import { auditExportRoute } from './audit/export-route.ts';
import { defaultAppAuth, signInOptions, type AppAuth } from './auth/app-auth.ts';
import { readCookie, responseCookieJar, sessionCookieName } from './auth/cookies.ts';
import { CSRF_GUARDED_PATHS, csrfGuard } from './auth/csrf.ts';
import { oidcRoutes } from './auth/oidc.ts';
import type { ResolvedSession } from './auth/service.ts';
import { fileRoutes } from './documents/file-routes.ts';
import type { Logger } from './logger.ts';
import { isProofOfAddressUpload, proofOfAddressUploadRoute } from './proof-of-address/upload-route.ts';
import { contextOrUnavailable } from './database/availability.ts';
import { requestLog } from './request-log.ts';
import type { SolarisConnectionHealth } from './solaris/health.ts';
import { createTrpcHandler } from './trpc/http-handler.ts';
import { createContextInner, type SignedInUser, type WebhookQueueHandle } from './trpc/init.ts';
import { appRouter } from './trpc/router.ts';

export interface AppDependencies {
  database: DatabaseHandle;
  logger: Logger;
  /** Directory of the built web app; when it has no index.html the API still runs. */
  webDistDir?: string;
  now?: () => Date;
  /** Sign-in: the auth service (settings, limits, wall clock), single sign-on, demo users. Default: passwords, default settings. */
  auth?: AppAuth;
  /** Tests only: resolves the signed-in user of a request instead of the session cookie. */
  authenticate?: (req: Request) => Promise<SignedInUser | null>;
  /** `POST /webhooks/solaris` (see webhooks/inbox.ts); absent, the path answers 404. */
  webhookInbox?: Router;
  /** Lets a replay wake the webhook worker. */
  webhookQueue?: WebhookQueueHandle;
  /**
   * The embedded Solaris sandbox at `/sandbox/solaris`, once it has started: it is created after
   * the server listens (its public URL needs the port), so until then the path answers 503.
   */
  sandbox?: () => RequestHandler | null;
  /** False while start-up work (sandbox, subscriptions) is still going: /readyz answers 503. */
  ready?: () => boolean;
  /**
   * The Solaris client, once the server has one (it needs the listening port): documents are
   * fetched through it, and pages ask it for supported documents. Null or absent: they answer
   * that Solaris is not available.
   */
  solaris?: () => SolarisClient | null;
  /** How calls to Solaris went lately, for the Solaris status everyone sees. */
  solarisHealth?: SolarisConnectionHealth;
  /** Wakes the proof-of-address upload outbox when a proof is recorded. */
  proofOfAddressOutbox?: { kick(): void };
}

/** Paths answered by the server itself; everything else is the single-page app. */
const SERVER_PATH_PREFIXES = ['/trpc', '/healthz', '/readyz', '/webhooks', '/sandbox', '/api', '/auth'];

/**
 * Every Express route of the app with who may call it (see access/http-routes.ts). Mounted
 * routers are not routes: /trpc (each procedure declares its access), /webhooks/solaris
 * (Solaris' signature), /sandbox/solaris (the sandbox's own OAuth2), and the web app (public).
 */
export function buildHttpRoutes(deps: AppDependencies, auth: AppAuth): HttpRoute[] {
  return [
    route({ method: 'get', path: '/healthz', access: access.public, summary: 'The process is up' }, ({ res }) => {
      res.json({ status: 'ok' });
    }),
    route({ method: 'get', path: '/readyz', access: access.public, summary: 'Ready to serve: started, database reachable' }, async ({ res }) => {
      if (deps.ready && !deps.ready()) {
        res.status(503).json({ status: 'starting', reason: 'Identdesk is still starting.' });
        return;
      }
      try {
        await deps.database.ping();
        res.json({ status: 'ready', database: deps.database.kind });
      } catch (error) {
        deps.logger.warn({ err: error }, 'database not reachable');
        res.status(503).json({ status: 'unavailable', reason: 'The database is not reachable.' });
      }
    }),
    ...(auth.oidc
      ? oidcRoutes({ db: deps.database.db, auth: auth.service, settings: auth.oidc, publicUrl: auth.publicUrl, logger: deps.logger })
      : []),
    auditExportRoute({ db: deps.database.db, clock: auth.service.clock }),
    ...fileRoutes({ db: deps.database.db, solaris: solarisOf(deps), logger: deps.logger, clock: auth.service.clock }),
    proofOfAddressUploadRoute({
      db: deps.database.db,
      logger: deps.logger,
      now: deps.now ?? (() => new Date()),
      clock: auth.service.clock,
      outbox: deps.proofOfAddressOutbox,
    }),
  ];
}

function solarisOf(deps: AppDependencies): () => SolarisClient | null {
  return () => deps.solaris?.() ?? null;
}

export function createApp(deps: AppDependencies): Express {
  const now = deps.now ?? (() => new Date());
  const auth = deps.auth ?? defaultAppAuth(deps.database.db, deps.logger);
  const secureCookies = auth.service.settings.secureCookies;
  const sessionCookie = sessionCookieName(secureCookies);
  // One session lookup per request, whether an HTTP route or tRPC asks.
  const sessions = new WeakMap<Request, Promise<ResolvedSession | null>>();
  const sessionOf = (req: Request): Promise<ResolvedSession | null> => {
    if (deps.authenticate) return Promise.resolve(null);
    let session = sessions.get(req);
    if (!session) {
      session = auth.service.resolveSession(readCookie(req, sessionCookie));
      sessions.set(req, session);
    }
    return session;
  };
  const userOf = async (req: Request): Promise<SignedInUser | null> =>
    deps.authenticate ? deps.authenticate(req) : ((await sessionOf(req))?.user ?? null);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  // One line per request, without the query string or body (they may carry personal data).
  app.use(requestLog(deps.logger, { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' }));

  // Answers about people are never stored by browsers or proxies.
  app.use(CSRF_GUARDED_PATHS, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The proof-of-address upload is multipart, which the JSON-only guard refuses; the route checks
  // the same header and site itself, after the access check like every HTTP route.
  const guard = csrfGuard();
  app.use(CSRF_GUARDED_PATHS, (req, res, next) => (isProofOfAddressUpload(req) ? next() : guard(req, res, next)));

  mountHttpRoutes(app, buildHttpRoutes(deps, auth), userOf);

  if (deps.webhookInbox) app.use(WEBHOOK_PATH, deps.webhookInbox);

  const sandbox = deps.sandbox;
  if (sandbox) {
    app.use(SANDBOX_MOUNT_PATH, (req, res, next) => {
      const handler = sandbox();
      if (!handler) {
        res.setHeader('Retry-After', '1');
        res.status(503).json({ errors: [{ status: 503, code: 'starting', title: 'The sandbox is starting', detail: 'Try again in a moment.' }] });
        return;
      }
      handler(req, res, next);
    });
  }

  app.use(
    '/trpc',
    createTrpcHandler({
      router: appRouter,
      // Queries travel as POST so search terms never appear in URLs (and so never in access logs).
      allowMethodOverride: true,
      createContext: ({ req, res }) =>
        contextOrUnavailable(async () => createContextInner({
          db: deps.database.db,
          databaseKind: deps.database.kind,
          user: await userOf(req),
          origin: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
          logger: deps.logger,
          now,
          webhookQueue: deps.webhookQueue,
          solaris: deps.solaris?.() ?? null,
          solarisHealth: deps.solarisHealth,
          auth: {
            service: auth.service,
            session: await sessionOf(req),
            cookies: responseCookieJar(res, secureCookies),
            clock: auth.service.clock,
            ...signInOptions(auth),
          },
        })),
      onError: ({ error, path: procedure }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          deps.logger.error({ err: error.cause ?? error, procedure }, 'procedure failed');
        }
      },
    }),
  );

  mountWebApp(app, deps.webDistDir);
  // The server's own paths answer in JSON even where nothing is, as their errors do.
  app.use(SERVER_PATH_PREFIXES, (_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'There is nothing at this address.' } });
  });
  app.use(jsonErrors(deps.logger));

  return app;
}

/**
 * The last word on an error no route answered: JSON in the shape of the others, never Express'
 * HTML page (which shows a stack trace outside production). A client's mistake a body parser
 * found keeps its 4xx; anything else is logged and answered 500 without details.
 */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'BAD_REQUEST', message: 'The request could not be read.' } });
      return;
    }
    logger.error({ err: error, path: req.path }, 'request failed');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side. Try again; if it keeps failing, tell an administrator.' } });
  };
}

function mountWebApp(app: Express, webDistDir: string | undefined) {
  const indexHtml = webDistDir ? path.join(webDistDir, 'index.html') : undefined;
  if (!webDistDir || !indexHtml || !fs.existsSync(indexHtml)) {
    app.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The web app is not built. Run `pnpm build` (or `npm start`, which builds it).');
    });
    return;
  }
  app.use(
    express.static(webDistDir, {
      index: false,
      setHeaders: (res, filePath) => {
        // Hashed assets never change; index.html must always be revalidated.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
      },
    }),
  );
  app.get('/{*path}', (req, res, next) => {
    if (SERVER_PATH_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
