import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readWebhookHeaders, type SolarisWebhookHeaders } from '@identdesk/solaris';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  webhook: SolarisWebhookHeaders;
  rawBody: string;
  /** The status the receiver answered. */
  answered: number;
}

/** A real HTTP receiver of webhook deliveries; `respond` picks the status code per delivery. */
export async function startWebhookReceiver(respond: (delivery: Omit<ReceivedDelivery, 'answered'>) => number = () => 200) {
  const deliveries: ReceivedDelivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = {
        headers: request.headers,
        webhook: readWebhookHeaders(request.headers),
        rawBody: Buffer.concat(chunks).toString('utf8'),
      };
      const status = respond(received);
      deliveries.push({ ...received, answered: status });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/solaris`,
    deliveries,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
