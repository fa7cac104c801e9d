import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, startServer } from './server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server under test answers, e.g. http://127.0.0.1:41234. */
    baseURL: string;
    /** The shared Chromium that every test file connects to. */
    browserWSEndpoint: string;
    /** An agent of this run only, created with `pnpm user:create`, for the lockout test to lock. */
    lockoutEmail: string;
    lockoutPassword: string;
  }
}

/** Runs `pnpm user:create` the way an admin would, with the password in IDENTDESK_PASSWORD. */
async function createUser(env: NodeJS.ProcessEnv, email: string, password: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/scripts/user-create.ts', '--email', email, '--role', 'agent', '--name', 'Lockout Test'],
    { cwd: REPO_ROOT, env: { ...env, IDENTDESK_PASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`pnpm user:create failed (${code}): ${output}`);
}

/** Flags that work for Debian's Chromium on these machines (docs: stack-notes, Browser). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default async function setup(project: TestProject) {
  const lockoutEmail = `lockout-${randomBytes(4).toString('hex')}@identdesk.test`;
  const lockoutPassword = `lockout ${randomBytes(8).toString('hex')}`;
  const server = await startServer({ prepare: (env) => createUser(env, lockoutEmail, lockoutPassword) });
  let browserServer: BrowserServer;
  try {
    browserServer = await chromium.launchServer({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    await server.stop();
    throw new Error(
      `Could not start Chromium (install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH): ${String(error)}`,
      { cause: error },
    );
  }

  project.provide('baseURL', server.baseURL);
  project.provide('browserWSEndpoint', browserServer.wsEndpoint());
  project.provide('lockoutEmail', lockoutEmail);
  project.provide('lockoutPassword', lockoutPassword);
  console.info(`browser tests against ${server.baseURL} (server log: ${server.logFile})`);

  return async () => {
    await browserServer.close();
    await server.stop();
  };
}
