import tailwindcss from '@tailwindcss/vite';
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const serverOrigin = process.env.IDENTDESK_SERVER_ORIGIN ?? 'http://localhost:3000';
const serverPaths = ['/trpc', '/healthz', '/readyz', '/webhooks', '/sandbox', '/api'];

export default defineConfig({
  // Route generation options live in tsr.config.json, shared with scripts/generate-route-tree.mjs.
  // The router plugin must come before the React plugin.
  plugins: [tanstackRouter(), react(), tailwindcss()],
  server: {
    proxy: Object.fromEntries(serverPaths.map((prefix) => [prefix, { target: serverOrigin, changeOrigin: false }])),
  },
});
