// Writes src/routeTree.gen.ts the way the Vite plugin does, so `tsc` can run on a clean checkout
// without a build first. Both read tsr.config.json; keep @tanstack/router-generator at the
// version @tanstack/router-plugin depends on so the two produce the same file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Generator, getConfig } from '@tanstack/router-generator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = getConfig({ disableLogging: true }, root);
await new Generator({ config, root }).run();
console.info(`route tree written to ${path.relative(root, config.generatedRouteTree)}`);
