#!/usr/bin/env node
// The whole test suite, as `npm test` and CI run it: typecheck, lint, unit and integration tests
// on embedded PGlite, the same database tests on a PostgreSQL 15 server, and the browser tests
// in Debian's Chromium. It starts what it needs (PostgreSQL, Chromium) itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-test-'));
/** The pnpm that scripts/run.mjs found or installed (plain `pnpm` when run directly). */
const [PNPM, ...PNPM_PREFIX] = JSON.parse(process.env.IDENTDESK_PNPM ?? '["pnpm"]');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Packages whose vitest suites run on PGlite; those marked `database` run again on PostgreSQL. */
const SUITES = [
  { dir: 'packages/domain', database: false },
  { dir: 'packages/db', database: true },
  { dir: 'packages/solaris', database: false },
  { dir: 'packages/sandbox', database: true },
  { dir: 'apps/server', database: true },
  { dir: 'apps/web', database: false },
].filter((suite) => fs.existsSync(path.join(ROOT, suite.dir, 'package.json')));

function log(message) {
  console.info(`\n\x1b[36m[identdesk test]\x1b[0m ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  return result.status === 0;
}

function must(ok, what) {
  if (!ok) throw new Error(`${what} failed`);
}

const outcomes = [];

function vitest(label, cwd, args, env) {
  const outputFile = path.join(RESULTS, `${outcomes.length}.json`);
  const ok = run(
    PNPM,
    [...PNPM_PREFIX, 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${outputFile}`, ...args],
    { cwd, env: { ...process.env, ...env } },
  );
  let passed = 0;
  let failed = ok ? 0 : 1;
  const failures = [];
  if (fs.existsSync(outputFile)) {
    const report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    passed = report.numPassedTests;
    failures.push(...failedTestsOf(report, cwd));
    failed = report.numFailedTests + (ok ? 0 : report.numFailedTests === 0 ? 1 : 0);
    if (report.numTotalTests === 0) {
      failed += 1;
      console.error(`${label}: no test ran`);
    }
  }
  outcomes.push({ label, passed, failed, failures });
  return ok;
}

// CI keeps only the tail of the output: the summary names each failed test and
// the first lines of why, so a failure far up the log is still readable there.
function failedTestsOf(report, cwd) {
  const failures = [];
  for (const file of report.testResults ?? []) {
    const where = path.relative(cwd, file.name);
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const why = (test.failureMessages ?? []).join('\n').split('\n').slice(0, 6).join('\n        ');
      failures.push(`${where} › ${test.fullName}\n        ${why}`);
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
      failures.push(`${where}: ${String(file.message ?? 'could not run').split('\n').slice(0, 6).join('\n        ')}`);
    }
  }
  return failures;
}

function postgresUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (!fs.existsSync('/usr/bin/pg_ctlcluster')) {
    throw new Error(
      'PostgreSQL 15 is not installed. Install it (apt-get install postgresql-15) or set DATABASE_URL to a server where the user may CREATE DATABASE.',
    );
  }
  const clusters = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).stdout ?? '';
  if (!/\b15\s+main\s+5432\s+online/.test(clusters)) {
    log('starting PostgreSQL 15');
    must(run('pg_ctlcluster', ['15', 'main', 'start']), 'starting PostgreSQL');
  }
  for (let i = 0; i < 30 && !run('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']); i++) {
    spawnSync('sleep', ['1']);
  }
  const createRole = `DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'identdesk_test') THEN
      CREATE ROLE identdesk_test LOGIN SUPERUSER PASSWORD 'identdesk_test';
    END IF; END $$;`;
  must(
    run('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-v', 'ON_ERROR_STOP=1', '-c', createRole], { cwd: '/' }),
    'creating the test role',
  );
  return 'postgres://identdesk_test:identdesk_test@127.0.0.1:5432/postgres';
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  log("installing Chromium from Debian's packages");
  must(run('apt-get', ['update', '-qq']), 'apt-get update');
  must(run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }), 'installing chromium');
}

const only = process.argv[2];
let failedStep = null;
try {
  if (!only || only === 'static') {
    log('typecheck');
    must(run(PNPM, [...PNPM_PREFIX, '-r', '--reporter=append-only', 'typecheck']), 'typecheck');
    log('lint');
    must(run(PNPM, [...PNPM_PREFIX, 'exec', 'eslint', '.', '--max-warnings=0']), 'lint');
  }
  if (!only || only === 'unit') {
    for (const suite of SUITES) {
      log(suite.database ? `${suite.dir} on embedded PGlite` : suite.dir);
      vitest(suite.database ? `${suite.dir} (PGlite)` : suite.dir, path.join(ROOT, suite.dir), [], { DATABASE_URL: '' });
    }
  }
  if (!only || only === 'postgres') {
    const url = postgresUrl();
    for (const suite of SUITES.filter((s) => s.database)) {
      log(`${suite.dir} on PostgreSQL`);
      vitest(`${suite.dir} (PostgreSQL)`, path.join(ROOT, suite.dir), [], { DATABASE_URL: url });
    }
  }
  if (!only || only === 'browser') {
    ensureChromium();
    log('building the web app for the browser tests');
    must(run(PNPM, [...PNPM_PREFIX, '--filter', '@identdesk/web', 'build']), 'web build');
    log('browser tests in Chromium');
    vitest('apps/web (Chromium)', path.join(ROOT, 'apps/web'), ['--config', 'vitest.e2e.config.ts'], {
      CHROMIUM_PATH: CHROMIUM,
      DATABASE_URL: '',
    });
  }
} catch (error) {
  failedStep = error instanceof Error ? error.message : String(error);
}

console.info('\n[identdesk test] summary');
for (const outcome of outcomes) {
  console.info(`  ${outcome.failed ? '✗' : '✓'} ${outcome.label}: ${outcome.passed} passed, ${outcome.failed} failed`);
  for (const failure of outcome.failures ?? []) console.info(`      ✗ ${failure}`);
}
if (failedStep) console.error(`  ✗ ${failedStep}`);
const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
const failed = outcomes.reduce((sum, o) => sum + o.failed, 0) + (failedStep ? 1 : 0);
console.info(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
