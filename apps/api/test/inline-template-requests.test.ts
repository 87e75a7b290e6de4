import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, WEB_TEMPLATE, type TestApi } from './api-harness.js';
import { createTestOrganization, type TestOrganization } from './tenancy-harness.js';

const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');

/** A template body as the console's wizard sends it: the fields of WEB_TEMPLATE under a new id. */
const inlineTemplate = (templateId: string, fields: Record<string, unknown> = {}) => ({ ...WEB_TEMPLATE, templateId, ...fields });

describe('requests with an inline template', () => {
  let harness: TestApi;
  let alpha: TestOrganization;
  let bravo: TestOrganization;

  beforeAll(async () => {
    harness = await startTestApi({ environment: { OHF_ENCRYPTION_KEY: ENCRYPTION_KEY } });
    alpha = await createTestOrganization(harness, 'alpha-org');
    bravo = await createTestOrganization(harness, 'bravo-org');
    const registered = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/register',
      key: alpha.keys.admin,
      payload: { strategy_name: 'alpha-cloud', provider_type: 'memory' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
  }, 60_000);
  afterAll(async () => harness?.close());

  const request = (key: { bearer: string }, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    harness.inject({ method: 'POST', url: '/api/v1/requests', key, payload, headers });
  const templateOf = (key: { bearer: string }, templateId: string) => harness.inject({ method: 'GET', url: `/api/v1/templates/${templateId}`, key });
  const requestCount = async (key: { bearer: string }) => (await harness.inject({ method: 'GET', url: '/api/v1/requests', key })).json().total as number;

  it("lets an operator store the template as the organization's own and request machines from it in one call", async () => {
    const created = await request(alpha.keys.operator, { template: inlineTemplate('alpha-wizard'), maxNumber: 2 });
    expect(created.statusCode, created.body).toBe(202);
    expect(created.json().createdTemplateId).toBe('alpha-wizard');
    expect(created.json().request).toMatchObject({ kind: 'acquire', templateId: 'alpha-wizard', requestedCount: 2, organizationId: 'alpha-org' });
    expect(created.headers.location).toBe(`/api/v1/requests/${created.json().request.requestId}`);

    const stored = await templateOf(alpha.keys.viewer, 'alpha-wizard');
    expect(stored.statusCode).toBe(200);
    expect(stored.json().template).toMatchObject({ templateId: 'alpha-wizard', organizationId: 'alpha-org', maxNumber: WEB_TEMPLATE.maxNumber });
    // Recorded in the organization's audit trail as POST /templates records a new template.
    const events = await harness.inject({ method: 'GET', url: '/api/v1/events?limit=500', key: alpha.keys.viewer });
    expect(events.statusCode).toBe(200);
    expect(events.json().items).toContainEqual(
      expect.objectContaining({
        type: 'TemplateChanged',
        organizationId: 'alpha-org',
        actor: expect.objectContaining({ name: 'operator@alpha-org.example' }),
        data: { templateId: 'alpha-wizard', change: 'created' },
      }),
    );

    const done = await eventually(
      () => harness.inject({ method: 'GET', url: `/api/v1/requests/${created.json().request.requestId}`, key: alpha.keys.viewer }),
      (response) => response.json().progress?.final === true,
      15_000,
    );
    expect(done.json().request.status).toBe('complete');
    expect(done.json().progress).toMatchObject({ requested: 2, machines: 2, byState: { running: 2 } });
  });

  it('keeps the template from every other organization, as if it did not exist', async () => {
    const foreign = await templateOf(bravo.keys.admin, 'alpha-wizard');
    const missing = await templateOf(bravo.keys.admin, 'never-was');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body.split('alpha-wizard').join('<id>')).toBe(missing.body.split('never-was').join('<id>'));
    const listed = await harness.inject({ method: 'GET', url: '/api/v1/templates', key: bravo.keys.admin });
    expect(listed.body).not.toContain('alpha-wizard');
    const used = await request(bravo.keys.operator, { templateId: 'alpha-wizard', maxNumber: 1 });
    expect(used.statusCode).toBe(404);
    expect(used.json().error.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('refuses a viewer (403) and stores nothing', async () => {
    const refused = await request(alpha.keys.viewer, { template: inlineTemplate('viewer-wizard'), maxNumber: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details.required_permission).toBe('operate');
    expect((await templateOf(alpha.keys.admin, 'viewer-wizard')).statusCode).toBe(404);
  });

  it('asks for exactly one of templateId and template (400)', async () => {
    const both = await request(alpha.keys.operator, { templateId: 'web-server', template: inlineTemplate('both-wizard'), maxNumber: 1 });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.code).toBe('VALIDATION_ERROR');
    expect(both.json().error.details.issues).toContainEqual({ path: 'body.templateId', message: expect.stringMatching(/either templateId .* or template .*not both/) });
    expect((await templateOf(alpha.keys.admin, 'both-wizard')).statusCode).toBe(404);
    const neither = await request(alpha.keys.operator, { maxNumber: 1 });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details.issues[0].path).toBe('body.templateId');
    const planned = await request(alpha.keys.operator, { template: inlineTemplate('planned-wizard'), maxNumber: 1, dryRun: true });
    expect(planned.statusCode).toBe(400);
    expect(planned.json().error.details.issues[0].path).toBe('body.dryRun');
    expect((await templateOf(alpha.keys.admin, 'planned-wizard')).statusCode).toBe(404);
  });

  it('refuses an invalid template with 400 naming body.template.<field>, and stores nothing', async () => {
    const before = await requestCount(alpha.keys.viewer);
    const invalid = await request(alpha.keys.operator, { template: inlineTemplate('invalid-wizard', { maxNumber: 'many' }), maxNumber: 1 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('VALIDATION_ERROR');
    const paths = invalid.json().error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toContain('body.template.maxNumber');
    expect(invalid.json().error.message).toMatch(/body\.template/);
    // Schema-level problems name the field the same way.
    const planted = await request(alpha.keys.operator, { template: inlineTemplate('planted-wizard', { organizationId: 'bravo-org' }), maxNumber: 1 });
    expect(planted.statusCode).toBe(400);
    expect(planted.json().error.details.issues).toContainEqual(expect.objectContaining({ path: 'body.template.organizationId' }));
    const noId = await request(alpha.keys.operator, { template: { maxNumber: 2 }, maxNumber: 1 });
    expect(noId.statusCode).toBe(400);
    expect(noId.json().error.details.issues[0].path).toBe('body.template.templateId');

    for (const templateId of ['invalid-wizard', 'planted-wizard']) expect((await templateOf(alpha.keys.admin, templateId)).statusCode).toBe(404);
    expect(await requestCount(alpha.keys.viewer)).toBe(before);
  });

  it('takes back the template when the request itself is refused, so a corrected retry can use the same id', async () => {
    const tooMany = await request(alpha.keys.operator, { template: inlineTemplate('small-wizard', { maxNumber: 1 }), maxNumber: 3 });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.code).toBe('INSTANCE_LIMIT_EXCEEDED');
    expect((await templateOf(alpha.keys.admin, 'small-wizard')).statusCode).toBe(404);
    const corrected = await request(alpha.keys.operator, { template: inlineTemplate('small-wizard', { maxNumber: 1 }), maxNumber: 1 });
    expect(corrected.statusCode, corrected.body).toBe(202);
    expect(corrected.json().createdTemplateId).toBe('small-wizard');
  });

  it("answers an existing templateId with 409 and leaves that template as it was", async () => {
    const taken = await request(alpha.keys.operator, { template: inlineTemplate('alpha-wizard', { maxNumber: 50 }), maxNumber: 1 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CONFLICT');
    expect((await templateOf(alpha.keys.viewer, 'alpha-wizard')).json().template.maxNumber).toBe(WEB_TEMPLATE.maxNumber);
  });

  it('replays the original answer for a repeated Idempotency-Key, and 409 when the body differs', async () => {
    const headers = { 'idempotency-key': 'wizard-order-7' };
    const body = { template: inlineTemplate('keyed-wizard'), maxNumber: 1 };
    const first = await request(alpha.keys.operator, body, headers);
    expect(first.statusCode, first.body).toBe(202);
    const again = await request(alpha.keys.operator, body, headers);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().request.requestId).toBe(first.json().request.requestId);
    expect(again.json().createdTemplateId).toBe('keyed-wizard');
    const different = await request(alpha.keys.operator, { ...body, maxNumber: 2 }, headers);
    expect(different.statusCode).toBe(409);
    expect(different.json().error.details.field).toBe('idempotencyKey');
    // The replay and the refusal kept the template the first call stored.
    expect((await templateOf(alpha.keys.viewer, 'keyed-wizard')).statusCode).toBe(200);
    // A new key with the stored templateId is a conflict, not a replay.
    const otherKey = await request(alpha.keys.operator, body, { 'idempotency-key': 'wizard-order-8' });
    expect(otherKey.statusCode).toBe(409);
  });

  it("answers another organization's provider instance in a template exactly as a missing one", async () => {
    const named = (providerName: string) =>
      request(bravo.keys.operator, { template: inlineTemplate(`bravo-${providerName}`, { providerType: undefined, providerName }), maxNumber: 1 });
    const owned = await named('alpha-cloud');
    const missing = await named('zeta-cloud');
    expect(owned.statusCode).toBe(404);
    expect(owned.statusCode).toBe(missing.statusCode);
    expect(owned.body.split('alpha-cloud').join('<name>')).toBe(missing.body.split('zeta-cloud').join('<name>'));
    expect((await templateOf(bravo.keys.admin, 'bravo-alpha-cloud')).statusCode).toBe(404);
    // Alpha itself may name its instance.
    const own = await request(alpha.keys.operator, { template: inlineTemplate('alpha-on-own-cloud', { providerType: undefined, providerName: 'alpha-cloud' }), maxNumber: 1 });
    expect(own.statusCode, own.body).toBe(202);
    expect(own.json().request.providerInstance).toBe('alpha-cloud');
  });
});
