import fs from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe } from 'vitest';
import { expectAccessible } from './axe.ts';
import { createCustomer, uniqueLastName } from './customers.ts';
import { expect, screenshot, signInOn, tabTo, test, visible } from './fixtures.ts';
import { startServer, type RunningServer } from './server-process.ts';

/**
 * The Solaris indicator in the header (issue #9.4), in Chromium, against a server of this file's
 * own whose Solaris (its built-in sandbox) is reached through a proxy the test controls: Solaris
 * really answers 503 to Identdesk's re-fetches, and the indicator reports what the server saw.
 */

/** Between Identdesk and its sandbox: passes requests on, or answers the next ones with 503. */
async function startSolarisSwitch(target: () => string) {
  const state = { failNext: 0, failAll: false };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const isApiCall = (req.url ?? '').includes('/v1/');
      if (isApiCall && (state.failAll || state.failNext > 0)) {
        state.failNext = Math.max(0, state.failNext - 1);
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ status: 503, code: 'service_unavailable', title: 'Service Unavailable' }] }));
        return;
      }
      const answer = await fetch(`${target()}${req.url ?? '/'}`, {
        method: req.method,
        headers: forwardedHeaders(req),
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: new Uint8Array(await readBody(req)) }),
      });
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'transfer-encoding', 'content-encoding'].includes(name)) headers[name] = value;
      });
      res.writeHead(answer.status, headers);
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function forwardedHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers.set(name, value);
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface SolarisTestServer {
  server: RunningServer;
  solaris: Awaited<ReturnType<typeof startSolarisSwitch>>;
}

const statusTest = test
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
  .extend('setup', { scope: 'file' }, async ({}, { onCleanup }): Promise<SolarisTestServer> => {
    let port = '';
    const solaris = await startSolarisSwitch(() => `http://127.0.0.1:${port}`);
    // Always its own embedded database: on a shared PostgreSQL the queue would hold other servers' deliveries.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-solaris-status-'));
    const server = await startServer({
      prepare: async (env) => {
        port = env.PORT ?? '';
        env.SOLARIS_API_URL = `${solaris.origin}/sandbox/solaris`;
        delete env.DATABASE_URL;
        env.DATA_DIR = dataDir;
        // A delivery that failed waits minutes for its retry, so the header can show it waiting.
        env.WEBHOOK_RETRY_BASE_SECONDS = '600';
        env.RECONCILE_INTERVAL_MINUTES = '0';
      },
    });
    onCleanup(async () => {
      await server.stop();
      await solaris.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    return { server, solaris };
  });

/** The indicator's button, by the state it names; the status is polled every 15 s. */
async function indicator(page: Page, name: string | RegExp) {
  return visible(page.getByRole('complementary').getByRole('button', { name }), 40_000);
}

describe('the Solaris indicator in the header', () => {
  statusTest(
    'is a quiet dot while Solaris answers, turns amber with its words when Solaris answers 503, red when it cannot be reached',
    { timeout: 180_000 },
    async ({ page, setup }) => {
      const { server, solaris } = setup;
      await signInOn(page, server.baseURL, 'agent');
      await page.goto(`${server.baseURL}/`);
      const connected = await indicator(page, 'Solaris: connected');
      expect(await connected.textContent()).toBe('');
      await screenshot(page, 'solaris-status-ok');

      // Solaris answers 503 to the next two requests: the re-fetch of a new customer's
      // identification gets through on the client's third attempt.
      solaris.state.failNext = 2;
      await createCustomer(server.baseURL, { firstName: 'Greta', lastName: uniqueLastName('Böhm') });
      const degraded = await indicator(page, 'Solaris slow: answering with errors');
      expect(await degraded.textContent()).toBe('Solaris slow');

      // Keyboard only: Tab to the indicator, Enter opens its details.
      await tabTo(page, degraded);
      await page.keyboard.press('Enter');
      const details = await visible(page.getByRole('dialog', { name: 'Solaris connection' }));
      const text = (await details.textContent()) ?? '';
      expect(text).toMatch(/Solaris answered 503 to 2 of the last \d+ requests since \d\d:\d\d\./);
      expect(text).toContain('Identdesk retries by itself.');
      expect(text).toContain('Nothing is lost.');
      expect(text).toContain("This is Identdesk's built-in Solaris sandbox.");
      // Agents get no link to the admin pages.
      expect(await details.getByRole('link').count()).toBe(0);
      await screenshot(page, 'solaris-status-degraded');
      await expectAccessible(page, 'the Solaris indicator with its details open');
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'hidden' });
      expect(await degraded.evaluate((element) => element === document.activeElement)).toBe(true);

      // Solaris stops answering properly: the next delivery's re-fetch fails on every attempt.
      solaris.state.failAll = true;
      await signInOn(page, server.baseURL, 'admin');
      // createCustomer waits for Identdesk to show the customer, which it cannot while its
      // re-fetch fails: only the sandbox's part matters here.
      await createCustomer(server.baseURL, { firstName: 'Jonas', lastName: uniqueLastName('Weiß') }).catch((error: unknown) => {
        if (!(error instanceof Error && /did not show identification/.test(error.message))) throw error;
      });
      await page.goto(`${server.baseURL}/status`);
      const unreachable = await indicator(page, 'Solaris down: not reachable');
      expect(await unreachable.textContent()).toBe('Solaris down');
      await unreachable.click();
      const adminDetails = await visible(page.getByRole('dialog', { name: 'Solaris connection' }));
      await visible(adminDetails.getByText(/1 webhook delivery waits for a retry, the next at \d\d:\d\d\./), 40_000);
      await visible(adminDetails.getByRole('link', { name: 'Open System › Webhooks' }));
      await screenshot(page, 'solaris-status-unreachable');
      await expectAccessible(page, 'the status page with the Solaris connection and the indicator in red');
    },
  );
});

