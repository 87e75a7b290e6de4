import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestApi, type TestApi } from './api-harness.js';

const CSRF = { 'x-ohf-csrf': '1' };

function cookieOf(setCookie: string | string[] | undefined): string {
  const value = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (value ?? '').split(';')[0]!;
}

describe('the console session', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false, api: { console: { enabled: false } } });
  });
  afterAll(async () => harness?.close());

  it('signs in with a valid key into an httpOnly, SameSite=Strict cookie that authenticates later reads', async () => {
    const signIn = await harness.inject({ method: 'POST', url: '/api/v1/session', key: null, headers: CSRF, payload: { key: KEYS.write } });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toEqual({
      name: 'write-client',
      organizationId: 'default',
      role: 'operator',
      platformAdmin: false,
      scopes: ['read', 'write'],
      authentication: true,
    });
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^ohf_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');

    const cookie = cookieOf(signIn.headers['set-cookie']);
    const session = await harness.inject({ method: 'GET', url: '/api/v1/session', key: null, headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().name).toBe('write-client');
    const templates = await harness.inject({ method: 'GET', url: '/api/v1/templates', key: null, headers: { cookie } });
    expect(templates.statusCode).toBe(200);
  });

  it('marks the cookie Secure when the request came over https through a trusted proxy', async () => {
    const proxied = await startTestApi({ workers: false, api: { console: { enabled: false }, trust_proxy: true } });
    try {
      const signIn = await proxied.inject({
        method: 'POST',
        url: '/api/v1/session',
        key: null,
        headers: { ...CSRF, 'x-forwarded-proto': 'https' },
        payload: { key: KEYS.read },
      });
      expect(signIn.statusCode).toBe(200);
      expect(String(signIn.headers['set-cookie'])).toContain('Secure');
    } finally {
      await proxied.close();
    }
  });

  it('refuses an unknown key with 401 and sets no cookie', async () => {
    const signIn = await harness.inject({ method: 'POST', url: '/api/v1/session', key: null, headers: CSRF, payload: { key: 'ohf_not-a-key' } });
    expect(signIn.statusCode).toBe(401);
    expect(signIn.json().error.code).toBe('UNAUTHORIZED');
    expect(signIn.headers['set-cookie']).toBeUndefined();
  });

  it('refuses sign-in and sign-out without the CSRF header', async () => {
    const signIn = await harness.inject({ method: 'POST', url: '/api/v1/session', key: null, payload: { key: KEYS.read } });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json().error.details.reason).toBe('CSRF_HEADER_MISSING');
    const signOut = await harness.inject({ method: 'DELETE', url: '/api/v1/session', key: null });
    expect(signOut.statusCode).toBe(403);
  });

  it('lets a change made with the cookie through only with the CSRF header', async () => {
    const signIn = await harness.inject({ method: 'POST', url: '/api/v1/session', key: null, headers: CSRF, payload: { key: KEYS.write } });
    const cookie = cookieOf(signIn.headers['set-cookie']);
    const body = { templateId: 'web-server', maxNumber: 1, dryRun: true };
    const forged = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: null, headers: { cookie }, payload: body });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'CSRF_HEADER_MISSING' } });
    const fromConsole = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: null, headers: { cookie, ...CSRF }, payload: body });
    expect(fromConsole.statusCode).toBeLessThan(300);
  });

  it('keeps the scopes of the key signed in with', async () => {
    const signIn = await harness.inject({ method: 'POST', url: '/api/v1/session', key: null, headers: CSRF, payload: { key: KEYS.read } });
    const cookie = cookieOf(signIn.headers['set-cookie']);
    const refused = await harness.inject({
      method: 'POST',
      url: '/api/v1/requests',
      key: null,
      headers: { cookie, ...CSRF },
      payload: { templateId: 'web-server', maxNumber: 1 },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details.required_scope).toBe('write');
  });

  it('signs out by clearing the cookie', async () => {
    const signOut = await harness.inject({ method: 'DELETE', url: '/api/v1/session', key: null, headers: CSRF });
    expect(signOut.statusCode).toBe(200);
    expect(String(signOut.headers['set-cookie'])).toMatch(/^ohf_session=;.*Max-Age=0/);
  });

  it('with authentication off, says everyone is an anonymous admin and sets no cookie', async () => {
    const open = await startTestApi({ workers: false, api: { console: { enabled: false }, auth: { enabled: false } } });
    try {
      const signIn = await open.inject({ method: 'POST', url: '/api/v1/session', key: null, headers: CSRF, payload: { key: 'anything' } });
      expect(signIn.statusCode).toBe(200);
      expect(signIn.json()).toEqual({
        name: 'anonymous',
        organizationId: 'default',
        role: 'admin',
        platformAdmin: true,
        scopes: ['read', 'write', 'admin'],
        authentication: false,
      });
      expect(signIn.headers['set-cookie']).toBeUndefined();
      const session = await open.inject({ method: 'GET', url: '/api/v1/session', key: null });
      expect(session.json().authentication).toBe(false);
    } finally {
      await open.close();
    }
  });

  it('prefers a key in a header over the cookie', async () => {
    const signIn = await harness.inject({ method: 'POST', url: '/api/v1/session', key: null, headers: CSRF, payload: { key: KEYS.admin } });
    const cookie = cookieOf(signIn.headers['set-cookie']);
    const session = await harness.inject({ method: 'GET', url: '/api/v1/session', key: 'read', headers: { cookie } });
    expect(session.json().name).toBe('read-client');
  });
});

describe('the console at /', () => {
  let harness: TestApi;
  let site: string;
  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'ohf-console-'));
    mkdirSync(join(site, 'assets'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/assets/index-abc.js"></script>');
    writeFileSync(join(site, 'assets', 'index-abc.js'), 'console.log("console");');
    harness = await startTestApi({ workers: false, api: { console: { directory: site } } });
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(site, { recursive: true, force: true });
  });

  it('serves index.html without a key, with a strict content security policy', async () => {
    const page = await harness.inject({ method: 'GET', url: '/', key: null });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<title>console</title>');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('serves index.html on every console path, so links and reloads work', async () => {
    for (const url of ['/requests', '/requests/req-1', '/machines', '/create', '/catalog']) {
      const page = await harness.inject({ method: 'GET', url, key: null });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('<title>console</title>');
    }
  });

  it('serves hashed assets with a long cache life', async () => {
    const script = await harness.inject({ method: 'GET', url: '/assets/index-abc.js', key: null });
    expect(script.statusCode).toBe(200);
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.headers['content-security-policy']).toBeDefined();
  });

  it('keeps the API as it was: unknown paths are the JSON 404 and API routes still need a key', async () => {
    const unknown = await harness.inject({ method: 'GET', url: '/no-such-page', key: 'read' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const templates = await harness.inject({ method: 'GET', url: '/api/v1/templates', key: null });
    expect(templates.statusCode).toBe(401);
  });

  it('says how to build the console when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ohf-console-empty-'));
    const bare = await startTestApi({ workers: false, api: { console: { directory: empty } } });
    try {
      const page = await bare.inject({ method: 'GET', url: '/', key: null });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('The web console is not built');
      expect(page.body).toContain('nx run @ohf/web:build');
      expect((await bare.inject({ method: 'GET', url: '/healthz', key: null })).statusCode).toBe(200);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('costs', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false, api: { console: { enabled: false } } });
  });
  afterAll(async () => harness?.close());

  it('answers the cost summary per provider instance for a read key, and checks its query', async () => {
    const costs = await harness.inject({ method: 'GET', url: '/api/v1/costs?running_only=true', key: 'read' });
    expect(costs.statusCode).toBe(200);
    expect(costs.json()).toMatchObject({ groupBy: 'provider', groups: [], total: { machines: 0, runningPriceHourly: 0 } });
    const invalid = await harness.inject({ method: 'GET', url: '/api/v1/costs?group_by=region', key: 'read' });
    expect(invalid.statusCode).toBe(400);
  });
});
