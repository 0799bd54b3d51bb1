// SPDX-License-Identifier: Apache-2.0
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookSink {
  readonly url: string;
  /** Bodies received with a 2xx answer, in order. */
  readonly received: { body: Record<string, unknown>; signature: string | undefined }[];
  /** Requests answered, failures included. */
  attempts: number;
  /** Answer 500 to this many requests first (retry tests). */
  failFirst: number;
  close(): Promise<void>;
}

/** A local webhook receiver for alert tests. */
export async function startWebhookSink(): Promise<WebhookSink> {
  const holder: { server?: Server } = {};
  const sink: WebhookSink = {
    url: '', received: [], attempts: 0, failFirst: 0,
    close: () => new Promise((resolve) => { holder.server?.closeAllConnections(); holder.server?.close(() => { resolve(); }); }),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      sink.attempts += 1;
      if (sink.failFirst > 0) {
        sink.failFirst -= 1;
        response.writeHead(500).end();
        return;
      }
      const signature = request.headers['x-citadel-signature'];
      sink.received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>, signature: typeof signature === 'string' ? signature : undefined });
      response.writeHead(204).end();
    });
  });
  holder.server = server;
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  (sink as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return sink;
}
