import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestApi, type TestApi } from './api-harness.js';

/** Sends raw bytes and resolves to the whole answer once the server closes or answers in full. */
function rawRequest(port: number, text: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' && received !== '' ? undefined : reject(error)));
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
    socket.write(text);
  });
}

const envelope = { error: { code: 'VALIDATION_ERROR', message: expect.any(String), details: expect.any(Object) } };

describe('answers given before routing', () => {
  let harness: TestApi;
  let base: string;
  let port: number;
  beforeAll(async () => {
    harness = await startTestApi({ api: { port: 0 } });
    const address = await harness.api.start();
    port = address.port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => harness?.close());

  const authorization = { authorization: `Bearer ${KEYS.read}` };

  it('answers headers larger than the limit with 431 in the error envelope', async () => {
    const response = await rawRequest(
      port,
      `GET /api/v1/machines HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(response.status).toBe(431);
    expect(response.headers).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(response.body)).toEqual(envelope);
    expect(JSON.parse(response.body).error.message).toMatch(/header/i);
  });

  it('answers a request that is not HTTP with 400 in the error envelope', async () => {
    const response = await rawRequest(port, 'HELLO THERE\r\n\r\n');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual(envelope);
  });

  it('answers a path segment longer than the router takes with 414 in the error envelope', async () => {
    const response = await fetch(`${base}/api/v1/requests/${'r'.repeat(5_000)}`, { headers: authorization });
    expect(response.status).toBe(414);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = await response.json();
    expect(body).toEqual(envelope);
    // The answer does not echo the URL back.
    expect(JSON.stringify(body)).not.toContain('rrrrrrrrrr');
  });

  it('answers a URL longer than the limit with 414 in the error envelope', async () => {
    const response = await fetch(`${base}/api/v1/machines?request_id=${'r'.repeat(10_000)}`, { headers: authorization });
    expect(response.status).toBe(414);
    expect(await response.json()).toEqual(envelope);
  });

  it('answers a path that is not valid percent-encoded UTF-8 with 400 in the error envelope', async () => {
    const response = await fetch(`${base}/api/v1/requests/req-%FF%FE`, { headers: authorization });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(envelope);
  });
});
