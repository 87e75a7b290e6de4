import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/auth/api-key-hash.js';
import { KEYS, startTestApi, type TestApi } from './api-harness.js';

describe('authentication and scopes', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({
      workers: false,
      api: {
        auth: {
          keys: [
            { name: 'reader', hash: await hashApiKey(KEYS.read), scopes: ['read'] },
            { name: 'writer', hash: await hashApiKey(KEYS.write, 'scrypt'), scopes: ['write'] },
            { name: 'operator', hash: await hashApiKey(KEYS.admin), scopes: ['admin'] },
          ],
        },
        rate_limit: { enabled: true, requests_per_second: 1, burst: 30 },
      },
    });
  });
  afterAll(async () => harness?.close());

  it('answers a protected route without a key with 401 and a WWW-Authenticate challenge', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/templates', key: null });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/Authorization: Bearer/), details: {} },
    });
  });

  it('answers an unknown or malformed key with 401 and never echoes it', async () => {
    for (const authorization of ['Bearer not-a-key', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const response = await harness.inject({ method: 'GET', url: '/api/v1/templates', key: null, headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(response.body).not.toContain('not-a-key');
    }
  });

  it('accepts the key as a bearer token or in X-API-Key, sha256 or scrypt hashed', async () => {
    expect((await harness.inject({ method: 'GET', url: '/api/v1/templates', key: 'read' })).statusCode).toBe(200);
    expect((await harness.inject({ method: 'GET', url: '/api/v1/templates', key: 'write' })).statusCode).toBe(200);
    const header = await harness.inject({ method: 'GET', url: '/api/v1/templates', key: null, headers: { 'x-api-key': KEYS.read } });
    expect(header.statusCode).toBe(200);
  });

  it('answers a key without the route scope with 403 naming the scope', async () => {
    const create = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: 'read', payload: { templateId: 'web-server', maxNumber: 1 } });
    expect(create.statusCode).toBe(403);
    expect(create.json().error).toMatchObject({ code: 'FORBIDDEN', details: { required_scope: 'write', granted_scopes: ['read'] } });
    const register = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/register',
      key: 'write',
      payload: { strategy_name: 'memory-b', provider_type: 'memory' },
    });
    expect(register.statusCode).toBe(403);
    expect(register.json().error.details.required_scope).toBe('admin');
  });

  it('checks the key before reading the body, so a bad body from a stranger is still 401', async () => {
    const response = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: null, payload: { nonsense: true } });
    expect(response.statusCode).toBe(401);
  });

  it('leaves /healthz, /readyz, the OpenAPI document and the docs page open', async () => {
    for (const url of ['/healthz', '/readyz', '/api/v1/openapi.json', '/api/v1/docs', '/api/v1/docs/json']) {
      const response = await harness.inject({ method: 'GET', url, key: null });
      expect([200, 302, 503], url).toContain(response.statusCode);
    }
    expect((await harness.inject({ method: 'GET', url: '/metrics', key: null })).statusCode).toBe(401);
    expect((await harness.inject({ method: 'GET', url: '/metrics', key: 'admin' })).statusCode).toBe(200);
    // Its labels name provider instances, organizations' own among them: platform admins only.
    expect((await harness.inject({ method: 'GET', url: '/metrics', key: 'read' })).statusCode).toBe(403);
  });

  it('limits each key to its rate and answers 429 with Retry-After', async () => {
    let limited;
    for (let attempt = 0; attempt < 40 && limited === undefined; attempt += 1) {
      const response = await harness.inject({ method: 'GET', url: '/api/v1/machines', key: 'admin' });
      if (response.statusCode === 429) limited = response;
    }
    expect(limited).toBeDefined();
    expect(limited!.json().error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another key has its own budget.
    expect((await harness.inject({ method: 'GET', url: '/api/v1/machines', key: 'read' })).statusCode).toBe(200);
    // Health probes are never limited.
    expect((await harness.inject({ method: 'GET', url: '/healthz', key: 'admin' })).statusCode).toBe(200);
  });
});

describe('authentication turned off', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false, api: { auth: { enabled: false } } });
  });
  afterAll(async () => harness?.close());

  it('serves every route without a key', async () => {
    expect((await harness.inject({ method: 'GET', url: '/api/v1/templates', key: null })).statusCode).toBe(200);
    expect((await harness.inject({ method: 'GET', url: '/metrics', key: null })).statusCode).toBe(200);
  });
});
