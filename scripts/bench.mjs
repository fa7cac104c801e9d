#!/usr/bin/env node
// `pnpm bench`: the benchmarks in bench/, through the real HTTP + tRPC stack. Arguments pass
// through, e.g. `pnpm bench --persons 1000000`. With DATABASE_URL set it measures PostgreSQL.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/src/run.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
