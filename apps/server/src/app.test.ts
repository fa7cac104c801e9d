import type { AddressInfo } from 'node:net';
import type { DatabaseHandle } from '@identdesk/db';
import { openTestDatabase } from '@identdesk/db/testing';
import { IDENTIFICATION_STATUSES } from '@identdesk/domain';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { createLogger } from './logger.ts';
import { collectLines, fakeWebDist } from './testing/http.ts';

let database: DatabaseHandle;
let server: Server;
let baseUrl: string;
const logLines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  const app = createApp({ database, logger: createLogger({ level: 'info', destination: collectLines(logLines) }), webDistDir: fakeWebDist() });
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

describe('health endpoints', () => {
  it('answers /healthz while the process is up', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with the database kind when the database is reachable', async () => {
    const response = await fetch(`${baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: database.kind });
  });
});

describe('tRPC over HTTP', () => {
  it('serves system.overview as plain JSON with every status counted', async () => {
    const response = await fetch(`${baseUrl}/trpc/system.overview`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: Record<string, unknown> } };
    const overview = body.result.data;
    expect(overview.database).toBe(database.kind);
    expect(overview.persons).toBe(0);
    expect(Object.keys(overview.identificationsByStatus as object).sort()).toEqual([...IDENTIFICATION_STATUSES].sort());
  });

  it('accepts queries sent as POST, so search terms stay out of URLs', async () => {
    const response = await fetch(`${baseUrl}/trpc/system.overview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1' },
      body: '{}',
    });
    expect(response.status).toBe(200);
  });

  it('answers 404 for an unknown procedure instead of the web app', async () => {
    const response = await fetch(`${baseUrl}/trpc/nothing.here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
  });
});

describe('web app and headers', () => {
  it('serves the single-page app for client-side routes', async () => {
    const response = await fetch(`${baseUrl}/status`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('sends a strict content security policy and nosniff', async () => {
    const response = await fetch(`${baseUrl}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('never logs query strings, which may carry personal data', async () => {
    await fetch(`${baseUrl}/status?q=${encodeURIComponent('Müller 1992-12-11')}`);
    const logged = logLines.join('');
    expect(logged).toContain('"path":"/status"');
    expect(logged).not.toContain('M%C3%BCller');
    expect(logged).not.toContain('Müller');
    expect(logged).not.toContain('1992-12-11');
  });
});

describe('readiness when the database goes away', () => {
  it('answers /readyz with 503 and a reason once the database is closed', async () => {
    const gone = await openTestDatabase();
    const app = createApp({ database: gone, logger: createLogger({ level: 'silent' }) });
    const other = app.listen(0);
    await new Promise((resolve) => other.once('listening', resolve));
    await gone.close();
    const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable' });
    await new Promise((resolve) => other.close(resolve));
  });
});
