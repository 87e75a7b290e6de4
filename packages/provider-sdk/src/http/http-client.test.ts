import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ProviderApiError } from '../errors/provider-errors.js';
import { TokenBucketRateLimiter } from '../rate-limit/token-bucket-rate-limiter.js';
import { createHttpClient, type HttpClientOptions } from './http-client.js';
import { normalizeHttpError } from './normalize-http-error.js';

const BASE_URL = 'https://api.acme.test/v1';
const TOKEN = 'secret-token-123';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const InstanceSchema = z.object({ id: z.number(), status: z.string() });

function client(overrides: Partial<HttpClientOptions> = {}) {
  const waits: number[] = [];
  const instance = createHttpClient({
    providerId: 'acme',
    baseUrl: `${BASE_URL}/`,
    headers: () => ({ authorization: `Bearer ${TOKEN}` }),
    normalizeError: (response) => normalizeHttpError(response, { providerId: 'acme', message: (response.body as { error?: string } | undefined)?.error }),
    secrets: [TOKEN],
    retry: { sleep: async (ms) => void waits.push(ms), random: () => 0 },
    ...overrides,
  });
  return { instance, waits };
}

describe('createHttpClient', () => {
  it('sends JSON with the default headers and the query, and parses the answer', async () => {
    let seen: { url: string; auth: string | null; contentType: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${BASE_URL}/instances`, async ({ request }) => {
        seen = { url: request.url, auth: request.headers.get('authorization'), contentType: request.headers.get('content-type'), body: await request.json() };
        return HttpResponse.json({ id: 7, status: 'provisioning', ignored: true }, { status: 201 });
      }),
    );
    const { instance } = client();
    const response = await instance.request({
      method: 'POST',
      path: '/instances',
      query: { dry: 1, skip: undefined },
      body: { label: 'web' },
      schema: InstanceSchema,
      operation: 'createInstance',
    });
    expect(response.data).toEqual({ id: 7, status: 'provisioning' });
    expect(response.status).toBe(201);
    expect(seen).toEqual({ url: `${BASE_URL}/instances?dry=1`, auth: `Bearer ${TOKEN}`, contentType: 'application/json', body: { label: 'web' } });
  });

  it('retries a 503 and a 429 (honouring Retry-After) before succeeding', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE_URL}/instances/7`, () => {
        calls += 1;
        if (calls === 1) return HttpResponse.json({ error: 'maintenance' }, { status: 503 });
        if (calls === 2) return HttpResponse.json({ error: 'too many' }, { status: 429, headers: { 'Retry-After': '2' } });
        return HttpResponse.json({ id: 7, status: 'running' });
      }),
    );
    const { instance, waits } = client();
    const response = await instance.request({ method: 'GET', path: '/instances/7', schema: InstanceSchema, operation: 'getInstance' });
    expect(response.data.status).toBe('running');
    expect(waits).toEqual([0, 2000]);
  });

  it('surfaces the normalized error once retries are exhausted, retryable with retryAfterMs', async () => {
    server.use(http.get(`${BASE_URL}/instances`, () => HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { 'Retry-After': '1' } })));
    const { instance, waits } = client({ retry: { sleep: async (ms) => void waits.push(ms), maxAttempts: 2 } });
    const failure = instance.request({ method: 'GET', path: '/instances', schema: z.unknown(), operation: 'listInstances' });
    await expect(failure).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfterMs: 1000, statusCode: 429, operation: 'listInstances' });
    expect(waits).toEqual([1000]);
  });

  it('does not retry 401/403 and redacts the token from messages', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE_URL}/account`, () => {
        calls += 1;
        return HttpResponse.json({ error: `token ${TOKEN} is invalid` }, { status: 401 });
      }),
    );
    const { instance } = client();
    const failure = instance.request({ method: 'GET', path: '/account', schema: z.unknown(), operation: 'getAccount' });
    await expect(failure).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', retryable: false });
    await expect(failure).rejects.toThrow('token [REDACTED] is invalid');
    expect(calls).toBe(1);
  });

  it('does not repeat calls marked retry: false', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE_URL}/instances`, () => {
        calls += 1;
        return new HttpResponse(null, { status: 502 });
      }),
    );
    const { instance } = client();
    await expect(
      instance.request({ method: 'POST', path: '/instances', body: {}, schema: z.unknown(), operation: 'createInstance', retry: false }),
    ).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(calls).toBe(1);
  });

  it('reports a response that does not match the schema as a non-retryable API_ERROR', async () => {
    server.use(http.get(`${BASE_URL}/instances/7`, () => HttpResponse.json({ id: 'seven' })));
    const { instance, waits } = client();
    const failure = instance.request({ method: 'GET', path: '/instances/7', schema: InstanceSchema, operation: 'getInstance' });
    await expect(failure).rejects.toMatchObject({ code: 'API_ERROR', retryable: false });
    await expect(failure).rejects.toThrow(/Invalid response from acme getInstance: id:/);
    expect(waits).toEqual([]);
  });

  it('turns a timeout into a retryable PROVIDER_UNAVAILABLE', async () => {
    server.use(http.get(`${BASE_URL}/slow`, async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }));
    const { instance } = client({ timeoutMs: 20, retry: { maxAttempts: 1 } });
    const failure = instance.request({ method: 'GET', path: '/slow', schema: z.unknown(), operation: 'slow' });
    await expect(failure).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    await expect(failure).rejects.toThrow(/timed out after 20 ms/);
  });

  it('turns a network failure into a retryable PROVIDER_UNAVAILABLE', async () => {
    server.use(http.get(`${BASE_URL}/down`, () => HttpResponse.error()));
    const { instance, waits } = client({ retry: { maxAttempts: 2, sleep: async (ms) => void waits.push(ms), random: () => 0 } });
    const failure = instance.request({ method: 'GET', path: '/down', schema: z.unknown(), operation: 'down' });
    await expect(failure).rejects.toSatisfy((error) => ProviderApiError.isInstance(error) && error.code === 'PROVIDER_UNAVAILABLE' && error.retryable);
    expect(waits).toHaveLength(1);
  });

  it('passes the caller’s abort through without retrying', async () => {
    server.use(http.get(`${BASE_URL}/slow`, async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }));
    const controller = new AbortController();
    const { instance } = client();
    const failure = instance.request({ method: 'GET', path: '/slow', schema: z.unknown(), operation: 'slow', signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    await expect(failure).rejects.toThrow('user cancelled');
  });

  it('stops waiting out a Retry-After when the caller’s signal aborts, and sends nothing more', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE_URL}/busy`, () => {
        calls += 1;
        return HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { 'Retry-After': '20' } });
      }),
    );
    const controller = new AbortController();
    // The real sleep: a 20 s wait fits the default retry budget, so only the signal ends it.
    const { instance } = client({ retry: { random: () => 0 } });
    const failure = instance.request({ method: 'GET', path: '/busy', schema: z.unknown(), operation: 'busy', signal: controller.signal });
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('operation budget spent'));
    await expect(failure).rejects.toThrow('operation budget spent');
    expect(calls).toBe(1);
  });

  it('takes a rate-limit token per attempt, pauses the limiter on 429 and reports every response', async () => {
    let time = 1_000;
    let calls = 0;
    server.use(
      http.get(`${BASE_URL}/instances`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json({}, { status: 429, headers: { 'Retry-After': '3' } })
          : HttpResponse.json([]);
      }),
    );
    const limiter = new TokenBucketRateLimiter({ capacity: 5, refillTokens: 5, refillIntervalMs: 60_000, now: () => time, sleep: async (ms) => void (time += ms) });
    const onResponse = vi.fn();
    const { instance } = client({
      rateLimiter: limiter,
      now: () => time,
      onResponse,
      retry: { sleep: async (ms) => void (time += ms), random: () => 0 },
    });
    await instance.request({ method: 'GET', path: '/instances', schema: z.array(z.unknown()), operation: 'listInstances' });
    expect(limiter.availableTokens).toBe(3);
    expect(time).toBe(4_000);
    expect(onResponse.mock.calls.map(([info]) => info.status)).toEqual([429, 200]);
  });
});

describe('normalizeHttpError', () => {
  const response = (status: number, headers: Record<string, string> = {}) => ({
    status,
    headers: new Headers(headers),
    body: undefined,
    operation: 'op',
    method: 'GET',
    url: 'https://x.test',
  });

  it.each([
    [400, 'VALIDATION_ERROR', false],
    [401, 'INVALID_CREDENTIALS', false],
    [403, 'FORBIDDEN', false],
    [404, 'MACHINE_NOT_FOUND', false],
    [409, 'CONFLICT', false],
    [422, 'VALIDATION_ERROR', false],
    [429, 'RATE_LIMIT_EXCEEDED', true],
    [500, 'API_ERROR', true],
    [503, 'PROVIDER_UNAVAILABLE', true],
    [418, 'API_ERROR', false],
  ] as const)('maps HTTP %i to %s (retryable %s)', (status, code, retryable) => {
    expect(normalizeHttpError(response(status), { providerId: 'acme' })).toMatchObject({ code, retryable, statusCode: status });
  });

  it('carries Retry-After and the cloud message', () => {
    const error = normalizeHttpError(response(503, { 'retry-after': '5' }), { providerId: 'acme', message: 'maintenance', requestId: 'r-1' });
    expect(error).toMatchObject({ retryAfterMs: 5000, requestId: 'r-1' });
    expect(error.message).toBe('acme op failed with HTTP 503: maintenance');
  });
});
