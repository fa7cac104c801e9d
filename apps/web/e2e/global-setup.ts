import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startServer } from './server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server under test answers, e.g. http://127.0.0.1:41234. */
    baseURL: string;
    /** The shared Chromium that every test file connects to. */
    browserWSEndpoint: string;
  }
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
  const server = await startServer();
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
  console.info(`browser tests against ${server.baseURL} (server log: ${server.logFile})`);

  return async () => {
    await browserServer.close();
    await server.stop();
  };
}
