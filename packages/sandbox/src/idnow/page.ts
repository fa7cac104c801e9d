import express, { type Request, type Response, type Router } from 'express';
import { and, eq } from 'drizzle-orm';
import type { IdentificationStatus } from '@identdesk/domain';
import { identifications } from '../db/schema.ts';
import type { SandboxContext } from '../context.ts';
import { parseScenarioKey, runScenarioAt } from '../engine/scenario.ts';
import { getIdentificationById } from '../identifications/store.ts';
import type { IdentificationRow } from '../identifications/resource.ts';
import type { SafeHtml } from './html.ts';
import { html, PAGE_CSS } from './html.ts';

/** Seed: the static ident code that confirms a manual test identification. */
export const MANUAL_TEST_IDENT_CODE = '123456';
/** Seed: "any mobile number that starts with 0 or ... the static value: +15550101". */
export const MANUAL_TEST_STATIC_MOBILE_NUMBER = '+15550101';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

/** Statuses in which a customer may (re)start the call with the same URL. */
const STARTABLE: readonly IdentificationStatus[] = ['pending', 'aborted', 'canceled'];

export function isAcceptedTestMobileNumber(value: string): boolean {
  const compact = value.replace(/[\s/-]/g, '');
  return compact === MANUAL_TEST_STATIC_MOBILE_NUMBER || /^0\d{6,15}$/.test(compact);
}

function page(req: Request, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · IDnow sandbox</title>
<link rel="stylesheet" href="${req.baseUrl}/assets/page.css">
</head>
<body>
<header>IDnow VideoIdent · Solaris sandbox</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`.value;
}

function send(res: Response, status: number, content: string) {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.send(content);
}

function actionPath(req: Request, identificationId: string, action: string): string {
  return `${req.baseUrl}/identifications/${encodeURIComponent(identificationId)}/${action}`;
}

function startForm(req: Request, row: IdentificationRow, errors: readonly string[], mobile = ''): SafeHtml {
  return html`
<p>Welcome! You are identifying for a service of Solaris. Please have your ID card or passport at hand.</p>
${errors.map((error) => html`<p class="error" role="alert">${error}</p>`)}
<form method="post" action="${actionPath(req, row.id, 'start')}">
<label for="mobile_number">Mobile number</label>
<input type="tel" id="mobile_number" name="mobile_number" value="${mobile}" autocomplete="tel" required>
<p class="note">Sandbox: any number starting with 0, or ${MANUAL_TEST_STATIC_MOBILE_NUMBER}.</p>
<div class="check"><input type="checkbox" id="accept_terms" name="accept_terms" value="yes"><label for="accept_terms">I accept the terms and conditions and the privacy policy of IDnow.</label></div>
<div class="check"><input type="checkbox" id="has_document" name="has_document" value="yes"><label for="has_document">I have a valid ID card or passport with me.</label></div>
<div class="check"><input type="checkbox" id="accept_recording" name="accept_recording" value="yes"><label for="accept_recording">I agree that the video call is recorded.</label></div>
<button type="submit">Start identification</button>
</form>`;
}

function codeForm(req: Request, row: IdentificationRow, errors: readonly string[]): SafeHtml {
  return html`
<ol class="steps">
<li>You are connected with an (automated) IDnow agent.</li>
<li>Hold your ID document in front of the camera and tilt it slowly.</li>
<li>Show your face next to the document photo.</li>
<li>We have sent you an SMS with your Ident code.</li>
</ol>
<p>The identification is almost done. Please confirm it with the Ident code from the SMS.</p>
${errors.map((error) => html`<p class="error" role="alert">${error}</p>`)}
<form method="post" action="${actionPath(req, row.id, 'confirm')}">
<label for="ident_code">Ident code</label>
<input type="text" id="ident_code" name="ident_code" inputmode="numeric" autocomplete="one-time-code" required>
<p class="note">Sandbox: the Ident code is ${MANUAL_TEST_IDENT_CODE}.</p>
<button type="submit">Confirm identification</button>
</form>`;
}

function statusPage(row: IdentificationRow): { title: string; body: SafeHtml } {
  const status = row.status as IdentificationStatus;
  switch (status) {
    case 'created':
      return { title: 'Not started yet', body: html`<p>This identification has not been requested yet.</p>` };
    case 'expired':
      return { title: 'Link expired', body: html`<p>This identification link has expired. Please ask for a new one.</p>` };
    case 'pending_successful':
    case 'pending_failed':
      return { title: 'In review', body: html`<p>Thank you. Your identification is being reviewed.</p>` };
    case 'successful':
    case 'failed':
      // No reason may be disclosed for a failed identification (seed).
      return { title: 'Identification completed', body: html`<p>Thank you. Your identification is complete; you can close this page.</p>` };
    default:
      return {
        title: 'Identification in progress',
        body: html`<p class="status">Thank you. Your identification is being processed.</p>`,
      };
  }
}

function isLinkExpired(ctx: SandboxContext, row: IdentificationRow): boolean {
  return row.urlExpiresAt !== null && row.urlExpiresAt.getTime() <= ctx.clock.nowMs();
}

/**
 * The identification URL the sandbox hands out: a small, CSP-safe HTML flow (plain form posts,
 * no scripts, no external assets). X-MANUALTEST persons walk through it like the seed's
 * tutorial; other identifications show their state only, as they run unattended.
 */
export function idnowPageRouter(ctx: SandboxContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  router.get('/assets/page.css', (_req, res) => {
    res.setHeader('Content-Type', 'text/css; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.send(PAGE_CSS);
  });

  async function load(req: Request, res: Response): Promise<IdentificationRow | null> {
    const id = req.params['identificationId'];
    const row = typeof id === 'string' ? await getIdentificationById(ctx.db, id) : null;
    if (!row) {
      send(res, 404, page(req, 'Unknown identification', html`<p>This identification link is not valid.</p>`));
      return null;
    }
    return row;
  }

  function render(req: Request, res: Response, row: IdentificationRow, status = 200, errors: readonly string[] = [], mobile = '') {
    const scenario = parseScenarioKey(row.scenario);
    const open = STARTABLE.includes(row.status as IdentificationStatus);
    if (open && isLinkExpired(ctx, row)) {
      return send(res, 410, page(req, 'Link expired', html`<p>This identification link has expired. Please ask for a new one.</p>`));
    }
    if (open && scenario?.prefix === 'X-MANUALTEST') {
      if (row.customerStep === null) return send(res, status, page(req, 'Video identification', startForm(req, row, errors, mobile)));
      if (row.customerStep === 'started') return send(res, status, page(req, 'Confirm your identification', codeForm(req, row, errors)));
    }
    if (open && row.customerStep === null && row.status === 'pending') {
      return send(
        res,
        status,
        page(req, 'Identification in progress', html`<p>This sandbox identification runs automatically; no action is needed.</p>`),
      );
    }
    const { title, body } = statusPage(row);
    send(res, status, page(req, title, body));
  }

  router.get('/identifications/:identificationId', async (req, res) => {
    const row = await load(req, res);
    if (row) render(req, res, row);
  });

  router.post('/identifications/:identificationId/start', form, async (req, res) => {
    const row = await load(req, res);
    if (!row) return;
    const manual = parseScenarioKey(row.scenario)?.prefix === 'X-MANUALTEST';
    if (!manual || row.customerStep !== null || !STARTABLE.includes(row.status as IdentificationStatus) || isLinkExpired(ctx, row)) {
      return render(req, res, row, 409);
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const mobile = typeof body['mobile_number'] === 'string' ? body['mobile_number'].trim() : '';
    const errors: string[] = [];
    if (!isAcceptedTestMobileNumber(mobile)) {
      errors.push(`Please enter a mobile number that starts with 0, or ${MANUAL_TEST_STATIC_MOBILE_NUMBER}.`);
    }
    if (body['accept_terms'] !== 'yes' || body['has_document'] !== 'yes' || body['accept_recording'] !== 'yes') {
      errors.push('Please check all boxes to start the identification.');
    }
    if (errors.length > 0) return render(req, res, row, 400, errors, mobile);
    await ctx.db
      .update(identifications)
      .set({ customerStep: 'started', customerMobileNumber: mobile.replace(/[\s/-]/g, ''), updatedAt: ctx.clock.now() })
      .where(eq(identifications.id, row.id));
    res.redirect(303, `${req.baseUrl}/identifications/${encodeURIComponent(row.id)}`);
  });

  router.post('/identifications/:identificationId/confirm', form, async (req, res) => {
    const row = await load(req, res);
    if (!row) return;
    if (row.customerStep !== 'started' || !STARTABLE.includes(row.status as IdentificationStatus) || isLinkExpired(ctx, row)) {
      return render(req, res, row, 409);
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const code = typeof body['ident_code'] === 'string' ? body['ident_code'].trim() : '';
    if (code !== MANUAL_TEST_IDENT_CODE) {
      return render(req, res, row, 400, ['The Ident code is not correct. Please enter the code from the SMS.']);
    }
    const at = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      // Only the first of two concurrent confirmations starts the scenario.
      const confirmed = await tx
        .update(identifications)
        .set({ customerStep: 'confirmed', updatedAt: at })
        .where(and(eq(identifications.id, row.id), eq(identifications.customerStep, 'started')))
        .returning({ id: identifications.id });
      if (confirmed.length > 0) await runScenarioAt(ctx, tx, row.id, at);
    });
    ctx.logger.info({ identificationId: row.id }, 'manual test identification confirmed');
    res.redirect(303, `${req.baseUrl}/identifications/${encodeURIComponent(row.id)}`);
  });

  router.all('/identifications/:identificationId', (_req, res) => {
    res.setHeader('Allow', 'GET');
    res.status(405).type('text/plain').send('Method Not Allowed');
  });

  return router;
}
