// The webhook benches' senders, in a thread of their own: Solaris sends from elsewhere, so the
// HTTP clients must not take turns with Identdesk's server on its main thread.
// Plain JavaScript on purpose: a worker is started by Node itself, outside tsx's loader.
//
// node:http with a keep-alive agent, not fetch: on a two-core machine the client shares the
// cores with the server it measures, and a CPU profile of the burst showed fetch (undici and its
// web streams) taking most of a core for 800 deliveries a second, about three times what
// node:http takes for the same requests on the same kept-alive connections.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, deliveries, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const statuses = new Map();
let next = 0;

/** Posts one delivery and resolves with the answer's status once its body is read (0: no answer). */
function post(headers, body) {
  return new Promise((resolve) => {
    const payload = Buffer.from(body);
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': payload.length } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(0));
    });
    request.on('error', () => resolve(0));
    request.end(payload);
  });
}

const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(concurrency, deliveries.length) }, async () => {
    for (let index = next++; index < deliveries.length; index = next++) {
      const { headers, body } = deliveries[index];
      // Counted, never retried here.
      const status = await post(headers, body);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }),
);
agent.destroy();
parentPort.postMessage({ statuses: [...statuses], seconds: (performance.now() - started) / 1000 });
