// The webhook benches' senders, in a thread of their own: Solaris sends from elsewhere, so the
// HTTP clients must not take turns with Identdesk's server on its main thread.
// Plain JavaScript on purpose: a worker is started by Node itself, outside tsx's loader.
import { parentPort, workerData } from 'node:worker_threads';

const { url, deliveries, concurrency } = workerData;
const statuses = new Map();
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(concurrency, deliveries.length) }, async () => {
    for (let index = next++; index < deliveries.length; index = next++) {
      const { headers, body } = deliveries[index];
      let status;
      try {
        const response = await fetch(url, { method: 'POST', headers, body });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0; // no answer: counted, never retried here
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }),
);
parentPort.postMessage({ statuses: [...statuses], seconds: (performance.now() - started) / 1000 });
