import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedDelivery[];
  /** Answers the following deliveries with these statuses in turn (the last repeats); 0 never answers. */
  answerWith(statuses: number[]): void;
  close(): Promise<void>;
}

/** An HTTP endpoint on loopback that records every delivery and answers as told. */
export async function startWebhookReceiver(statuses: number[] = [200]): Promise<WebhookReceiver> {
  let answers = [...statuses];
  const received: ReceivedDelivery[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      const status = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (status !== 0) response.writeHead(status, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ohf-events`,
    received,
    answerWith(next) {
      answers = [...next];
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
