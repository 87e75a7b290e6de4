import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookSender } from './webhook-sender.js';
import { verifyWebhookSignature } from './webhook-signature.js';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let server: Server | undefined;

/** A receiver on loopback answering each POST with the next status (the last one repeats); 0 never answers. */
async function receiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      if (status === 0) return;
      response.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('the webhook sender', () => {
  it('POSTs the body with a signature the receiver verifies and the event id', async () => {
    const { url, received } = await receiver([204]);
    const send = createWebhookSender({ timeoutMs: 2_000, allowPrivateAddresses: true });
    const body = JSON.stringify({ type: 'RequestCreated', sequence: 3 });
    const now = Date.now();
    const outcome = await send({ url, secret: 'whsec_abc', eventId: 'event-3', body, nowMs: now });
    expect(outcome).toEqual({ delivered: true, statusCode: 204 });
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery!.body).toBe(body);
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['x-ohf-event-id']).toBe('event-3');
    const signature = String(delivery!.headers['x-ohf-signature']);
    expect(verifyWebhookSignature('whsec_abc', delivery!.body, signature, { nowSeconds: Math.floor(now / 1000) })).toBe(true);
    expect(verifyWebhookSignature('whsec_other', delivery!.body, signature, { nowSeconds: Math.floor(now / 1000) })).toBe(false);
  });

  it('reports an error status with the status code', async () => {
    const { url } = await receiver([500]);
    const outcome = await createWebhookSender({ timeoutMs: 2_000, allowPrivateAddresses: true })({ url, secret: 's', eventId: 'e', body: '{}', nowMs: Date.now() });
    expect(outcome).toEqual({ delivered: false, statusCode: 500, error: 'the endpoint answered HTTP 500' });
  });

  it('does not follow a redirect', async () => {
    const { url, received } = await receiver([302]);
    const outcome = await createWebhookSender({ timeoutMs: 2_000, allowPrivateAddresses: true })({ url, secret: 's', eventId: 'e', body: '{}', nowMs: Date.now() });
    expect(outcome.delivered).toBe(false);
    expect(received).toHaveLength(1);
  });

  it('gives up on an endpoint that never answers within the timeout', async () => {
    const { url } = await receiver([0]);
    const started = Date.now();
    const outcome = await createWebhookSender({ timeoutMs: 200, allowPrivateAddresses: true })({ url, secret: 's', eventId: 'e', body: '{}', nowMs: Date.now() });
    expect(outcome).toEqual({ delivered: false, error: 'no answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused connection', async () => {
    const { url } = await receiver([200]);
    server!.close();
    server!.closeAllConnections();
    const outcome = await createWebhookSender({ timeoutMs: 1_000, allowPrivateAddresses: true })({ url, secret: 's', eventId: 'e', body: '{}', nowMs: Date.now() });
    expect(outcome.delivered).toBe(false);
    expect(outcome.statusCode).toBeUndefined();
    expect(outcome.error).toMatch(/^the request failed: /);
  });

  it('refuses a loopback or private endpoint unless allowed, without sending anything', async () => {
    const { url, received } = await receiver([200]);
    const outcome = await createWebhookSender({ timeoutMs: 1_000 })({ url, secret: 's', eventId: 'e', body: '{}', nowMs: Date.now() });
    expect(outcome).toMatchObject({ delivered: false, permanent: true, error: expect.stringContaining('127.0.0.1') });
    expect(received).toHaveLength(0);
    const resolvedInside = await createWebhookSender({ timeoutMs: 1_000, resolve: async () => ['10.0.0.8'] })({
      url: 'https://hooks.example.com/x',
      secret: 's',
      eventId: 'e',
      body: '{}',
      nowMs: Date.now(),
    });
    expect(resolvedInside).toMatchObject({ delivered: false, permanent: true, error: expect.stringContaining('10.0.0.8') });
  });
});
