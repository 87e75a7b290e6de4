import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, type TestApi } from './api-harness.js';

describe('operations endpoints', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({
      providers: [
        { name: 'memory-a', type: 'memory', config: {} },
        { name: 'memory-down', type: 'memory', enabled: true, config: { faults: { unhealthy: true } } },
      ],
    });
  });
  afterAll(async () => harness?.close());

  it('/healthz answers while the process is up', async () => {
    const response = await harness.inject({ method: 'GET', url: '/healthz', key: null });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it('/readyz is ready with storage up and one healthy provider, and lists each provider', async () => {
    const response = await harness.inject({ method: 'GET', url: '/readyz', key: 'read' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      ready: true,
      storage: { ok: true, strategy: 'sqlite' },
      providers: expect.arrayContaining([
        expect.objectContaining({ name: 'memory-a', healthy: true }),
        expect.objectContaining({ name: 'memory-down', healthy: false }),
      ]),
    });
  });

  it('keeps the caller\'s X-Request-Id, or makes one', async () => {
    const kept = await harness.inject({ method: 'GET', url: '/healthz', key: null, headers: { 'x-request-id': 'trace-123' } });
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const made = await harness.inject({ method: 'GET', url: '/healthz', key: null, headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('/metrics exports HTTP traffic, selections, provisioning outcomes, provider calls and cache ratios', async () => {
    const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 2 } });
    const id = created.json().request.requestId;
    await eventually(
      () => harness.inject({ method: 'GET', url: `/api/v1/requests/${id}` }),
      (response) => response.json().progress.final === true,
    );
    const response = await harness.inject({ method: 'GET', url: '/metrics', key: 'admin' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toMatch(/ohf_http_requests_total\{method="POST",route="\/api\/v1\/requests",status_code="202"\} 1/);
    expect(text).toMatch(/ohf_http_request_duration_seconds_bucket\{le="0.05",method="GET",route="\/api\/v1\/requests\/:id"/);
    expect(text).toMatch(/ohf_provider_selections_total\{provider_instance="memory-a",provider_type="memory"\} 1/);
    expect(text).toMatch(/ohf_provisioned_machines_total\{provider_instance="memory-a",outcome="created",code=""\} 2/);
    expect(text).toMatch(/ohf_provider_calls_total\{provider_instance="memory-a",operation="CREATE_INSTANCES",outcome="success"/);
    expect(text).toMatch(/ohf_provider_call_duration_ms_count\{provider_instance="memory-a",operation="CREATE_INSTANCES"\} 1/);
    expect(text).toMatch(/ohf_requests_finished_total\{kind="acquire",status="complete"\} 1/);
    expect(text).toMatch(/ohf_template_file_cache_hit_ratio \d/);
    expect(text).toMatch(/ohf_template_catalog_cache_hits \d+/);
  });

  it('publishes an OpenAPI 3.1 document with every route of the API and its security schemes', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/openapi.json', key: null });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearerAuth', 'apiKeyHeader']);
    const routes = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/v1/providers',
        'GET /api/v1/providers/{name}',
        'GET /api/v1/providers/{name}/capabilities',
        'GET /api/v1/providers/{name}/templates',
        'GET /api/v1/providers/{name}/health',
        'GET /api/v1/providers/metrics',
        'GET /api/v1/templates',
        'POST /api/v1/templates',
        'GET /api/v1/templates/{id}',
        'PUT /api/v1/templates/{id}',
        'DELETE /api/v1/templates/{id}',
        'POST /api/v1/templates/validate',
        'POST /api/v1/templates/refresh',
        'POST /api/v1/requests',
        'GET /api/v1/requests',
        'GET /api/v1/requests/{id}',
        'POST /api/v1/requests/{id}/cancel',
        'GET /api/v1/requests/{id}/events',
        'POST /api/v1/returns',
        'GET /api/v1/machines',
        'GET /api/v1/machines/{id}',
        'GET /api/v1/providers/strategy/health',
        'GET /api/v1/providers/strategy/list',
        'POST /api/v1/providers/strategy/execute',
        'POST /api/v1/providers/strategy/select',
        'POST /api/v1/providers/strategy/register',
        'POST /api/v1/providers/strategy/update-health',
        'POST /api/v1/providers/strategy/configure',
        'GET /api/v1/providers/strategy/metrics',
        'GET /api/v1/providers/strategy/capabilities',
        'GET /healthz',
        'GET /readyz',
      ]),
    );
    // Bodies come from the zod schemas: the request body names its fields and limits.
    const createRequest = document.components.schemas.CreateRequest;
    // A stored template by id, or one given inline (exactly one of the two, checked by the route).
    expect(createRequest.required).toEqual(expect.arrayContaining(['maxNumber']));
    expect(createRequest.properties).toHaveProperty('templateId');
    expect(createRequest.properties).toHaveProperty('template');
    expect(createRequest.properties.maxNumber).toMatchObject({ type: 'integer', minimum: 1 });
    expect(document.paths['/api/v1/requests'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key' })]),
    );
    expect(document.components.schemas.ErrorEnvelope.properties.error.properties.code.enum).toContain('PROVIDER_NOT_FOUND');
  });

  it('serves the docs page', async () => {
    const page = await harness.inject({ method: 'GET', url: '/api/v1/docs/', key: null });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toMatch(/swagger/i);
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toMatch(/No route GET \/api\/v1\/nothing-here/);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});

describe('readiness without a healthy provider', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false, providers: [{ name: 'memory-down', type: 'memory', config: { faults: { unhealthy: true } } }] });
  });
  afterAll(async () => harness?.close());

  it('/readyz answers 503 while /healthz stays 200', async () => {
    const ready = await harness.inject({ method: 'GET', url: '/readyz', key: null });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ ready: false, storage: { ok: true } });
    expect((await harness.inject({ method: 'GET', url: '/healthz', key: null })).statusCode).toBe(200);
  });
});
