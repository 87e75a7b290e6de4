import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './api-harness.js';

describe('/readyz', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({
      providers: [
        { name: 'memory-a', type: 'memory', config: {} },
        { name: 'memory-down', type: 'memory', config: { faults: { unhealthy: true } } },
        // No token: its health check fails naming the variable the token is read from.
        { name: 'linode-main', type: 'linode', config: { region: 'us-east' } },
      ],
    });
  });
  afterAll(async () => harness?.close());

  it('tells an anonymous caller only ready or not ready per component', async () => {
    const response = await harness.inject({ method: 'GET', url: '/readyz', key: null });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ready: true,
      storage: { ok: true },
      providers: [
        { name: 'memory-a', healthy: true },
        { name: 'memory-down', healthy: false },
        { name: 'linode-main', healthy: false },
      ],
      workers: { ok: true },
      checkedAt: expect.any(String),
    });
    // No provider error text, credential names, storage strategy or latencies.
    for (const secretive of ['LINODE_TOKEN', 'MISSING_CREDENTIALS', 'unhealthy.', 'sqlite', 'latency', 'detail']) {
      expect(response.body).not.toContain(secretive);
    }
  });

  it('gives the details to a caller with a valid key', async () => {
    const response = await harness.inject({ method: 'GET', url: '/readyz', key: 'read' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.storage).toMatchObject({ ok: true, strategy: 'sqlite', latencyMs: expect.any(Number), detail: expect.any(String) });
    const byName = Object.fromEntries(body.providers.map((provider: { name: string }) => [provider.name, provider]));
    expect(byName['memory-a']).toMatchObject({ healthy: true, latencyMs: expect.any(Number) });
    expect(byName['memory-down']).toMatchObject({ healthy: false, detail: expect.stringMatching(/unhealthy/) });
    expect(byName['linode-main']).toMatchObject({ healthy: false, detail: expect.stringMatching(/LINODE_TOKEN/) });
    expect(body.workers).toMatchObject({ ok: true, running: true, inFlight: expect.any(Number) });
  });

  it('refuses a key that is not valid instead of quietly answering without details', async () => {
    const response = await harness.inject({ method: 'GET', url: '/readyz', key: null, headers: { authorization: 'Bearer not-a-key' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHORIZED');
  });
});
