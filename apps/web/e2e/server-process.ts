import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const WEB_DIST_DIR = path.join(REPO_ROOT, 'apps/web/dist');

export interface RunningServer {
  baseURL: string;
  /** Everything the server printed, for the report when something fails. */
  logFile: string;
  stop: () => Promise<void>;
}

/** A port that was free a moment ago: the server is started on it right away. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('Could not find a free port.'));
      });
    });
  });
}

/**
 * Starts `node --import tsx apps/server/src/index.ts` as a separate process, the way it runs in
 * production, on a fresh PGlite data directory (or DATABASE_URL when set), and waits for /readyz.
 * `prepare` runs first with the server's environment (to create users with `pnpm user:create`:
 * the embedded database is open in one process at a time).
 */
export async function startServer({
  readyTimeoutMs = 90_000,
  prepare,
}: { readyTimeoutMs?: number; prepare?: (env: NodeJS.ProcessEnv) => Promise<void> } = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIST_DIR}/index.html is missing: run \`pnpm --filter @identdesk/web build\` before the browser tests.`);
  }

  const port = await findFreePort();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-e2e-'));
  const dataDir = path.join(workDir, 'data');
  const logFile = path.join(workDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const baseURL = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    WEB_DIST_DIR,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // No demo traffic in tests, but the four demo users (one per role), which the tests sign in
    // as. DEMO_USERS is explicit so that they exist on a DATABASE_URL too, where `auto` is off.
    SEED_DEMO: 'false',
    DEMO_USERS: 'true',
    SOLARIS_MODE: 'sandbox',
    // e2e/customers.ts plays IDnow test scenarios through the sandbox's control API.
    SANDBOX_CONTROL_API: 'true',
    // Every browser test signs in from 127.0.0.1; the per-IP limit is for the real world.
    LOGIN_IP_MAX_ATTEMPTS: '100000',
  };
  if (!process.env.DATABASE_URL) env.DATA_DIR = dataDir;
  await prepare?.(env);

  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/index.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    await stopProcess(child, exited);
    fs.closeSync(log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForReady(`${baseURL}/readyz`, exited, readyTimeoutMs);
  } catch (error) {
    await stopProcess(child, exited);
    const output = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nServer output (${logFile}):\n${output}`, {
      cause: error,
    });
  }
  return { baseURL, logFile, stop };
}

async function waitForReady(url: string, exited: Promise<number | null>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The server exited with code ${exitCode} before it was ready.`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer ${url} with 200 within ${timeoutMs / 1000} s.`);
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}
