import { Worker } from 'node:worker_threads';

/** A delivery as Solaris sends it: its headers (the signature among them) and the raw body. */
export interface SignedDelivery {
  headers: Record<string, string>;
  body: string;
}

export interface SentDeliveries {
  /** How many deliveries got each HTTP status (0: no answer). */
  statuses: Map<number, number>;
  /** From the first request to the last answer, as the senders saw it. */
  seconds: number;
}

/**
 * Posts signed deliveries to `url`, `concurrency` at a time, from a thread of its own, so the
 * senders' HTTP clients do not share the server's main thread (on a two-core machine they took
 * half of it). The deliveries are signed beforehand, outside the measured time.
 */
export function sendFromOtherThread(url: string, deliveries: readonly SignedDelivery[], concurrency: number): Promise<SentDeliveries> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./webhook-sender-thread.mjs', import.meta.url), {
      workerData: { url, deliveries, concurrency },
    });
    worker.once('message', (message: { statuses: Array<[number, number]>; seconds: number }) => {
      resolve({ statuses: new Map(message.statuses), seconds: message.seconds });
      void worker.terminate();
    });
    worker.once('error', reject);
    // After the message this changes nothing; before it, the thread died without an answer.
    worker.once('exit', (code) => reject(new Error(`the sender thread ended (exit code ${code}) before it reported`)));
  });
}
