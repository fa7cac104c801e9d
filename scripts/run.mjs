#!/usr/bin/env node
// Entry point of the root npm scripts. It needs nothing but Node 20 and npm: it installs the
// pinned pnpm when missing, installs the workspace, and then runs the requested task, so
// `npm start` and `npm test` work on a fresh machine.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.4.2';

function log(message) {
  console.info(`\x1b[36m[identdesk]\x1b[0m ${message}`);
}

function commandVersion(command, args = ['--version']) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function pnpmCommand() {
  if (commandVersion('pnpm') === PNPM_VERSION) return ['pnpm'];
  log(`installing pnpm ${PNPM_VERSION}`);
  const global = spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' });
  if (global.status === 0 && commandVersion('pnpm') === PNPM_VERSION) return ['pnpm'];
  // Without rights to install globally, npx fetches the same pinned version.
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

const [pnpmBin, ...pnpmPrefix] = pnpmCommand();
const pnpm = (args, options) => run(pnpmBin, [...pnpmPrefix, ...args], options);

function install() {
  log('installing dependencies');
  pnpm(['install', '--frozen-lockfile', '--reporter=append-only']);
}

function buildWeb() {
  log('building the web app');
  pnpm(['--filter', '@identdesk/web', 'build']);
}

/** Operational commands: TypeScript scripts of the server, run from the repository root. */
function serverScript(name) {
  return () => {
    install();
    run(process.execPath, ['--import', 'tsx', `apps/server/src/scripts/${name}.ts`, ...process.argv.slice(3)]);
  };
}

const tasks = {
  seed: serverScript('seed'),
  sync: serverScript('sync'),
  'solaris:subscribe': serverScript('subscribe'),
  'user:create': serverScript('user-create'),
  'audit:verify': serverScript('audit-verify'),
  'metrics:rebuild': serverScript('metrics-rebuild'),
  start() {
    install();
    buildWeb();
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/index.ts'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { NODE_ENV: 'production', ...process.env },
    });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => process.exit(code ?? 0));
  },
  dev() {
    install();
    const child = spawn(pnpmBin, [...pnpmPrefix, '--parallel', '--filter', '@identdesk/server', '--filter', '@identdesk/web', 'dev'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.on('exit', (code) => process.exit(code ?? 0));
  },
  build() {
    install();
    buildWeb();
  },
  typecheck() {
    install();
    pnpm(['-r', '--reporter=append-only', 'typecheck']);
  },
  lint() {
    install();
    pnpm(['exec', 'eslint', '.', '--max-warnings=0']);
  },
  bench() {
    install();
    run(process.execPath, ['scripts/bench.mjs', ...process.argv.slice(3)], {
      env: { ...process.env, IDENTDESK_PNPM: JSON.stringify([pnpmBin, ...pnpmPrefix]) },
    });
  },
  // 50 signed-in agents searching and opening customers for a minute (bench/src/load.ts).
  'bench:load'() {
    install();
    run(process.execPath, ['--import', 'tsx', 'bench/src/load.ts', ...process.argv.slice(3)]);
  },
  // A burst of signed Solaris webhooks: accepted and processed per second (bench/src/webhooks.ts).
  'bench:webhooks'() {
    install();
    run(process.execPath, ['--import', 'tsx', 'bench/src/webhooks.ts', ...process.argv.slice(3)]);
  },
  test() {
    install();
    run(process.execPath, ['scripts/test.mjs', ...process.argv.slice(3)], {
      env: { ...process.env, IDENTDESK_PNPM: JSON.stringify([pnpmBin, ...pnpmPrefix]) },
    });
  },
};

const task = tasks[process.argv[2] ?? ''];
if (!task) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(tasks).join('|')}>`);
  process.exit(2);
}
try {
  task();
} catch (error) {
  console.error(`\n[identdesk] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
