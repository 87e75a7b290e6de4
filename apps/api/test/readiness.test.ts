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

describe('GET /api/v1/providers agrees with /readyz about credentials', () => {
  const providers = [
    { name: 'memory-a', type: 'memory', config: {} },
    { name: 'linode-main', type: 'linode', config: { region: 'us-east' } },
  ];

  it('lists an instance without credentials as unhealthy with the reason, and one never checked as unknown', async () => {
    const harness = await startTestApi({ workers: false, providers });
    try {
      const [listed, readiness] = await Promise.all([
        harness.inject({ method: 'GET', url: '/api/v1/providers', key: 'read' }),
        harness.inject({ method: 'GET', url: '/readyz', key: 'read' }),
      ]);
      expect(listed.statusCode).toBe(200);
      const byName = Object.fromEntries(listed.json().providers.map((provider: { name: string }) => [provider.name, provider]));
      expect(byName['memory-a']).toMatchObject({ status: 'unknown' });
      expect(byName['memory-a']).not.toHaveProperty('reason');
      expect(byName['linode-main']).toMatchObject({ status: 'unhealthy', reason: expect.stringMatching(/^no credentials: .*LINODE_TOKEN/) });
      expect(readiness.json().providers).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'linode-main', healthy: false })]));
    } finally {
      await harness.close();
    }
  });

  it('does not hold the missing credentials against the instance once they are there', async () => {
    const harness = await startTestApi({ workers: false, providers, environment: { LINODE_TOKEN: 'a-token-never-answered' } });
    try {
      const listed = await harness.inject({ method: 'GET', url: '/api/v1/providers', key: 'read' });
      const linode = listed.json().providers.find((provider: { name: string }) => provider.name === 'linode-main');
      expect(linode).toMatchObject({ status: 'unknown' });
      expect(linode).not.toHaveProperty('reason');
      expect(listed.body).not.toContain('a-token-never-answered');
    } finally {
      await harness.close();
    }
  });
});
