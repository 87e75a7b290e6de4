import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestApi, type TestApi } from './api-harness.js';

/** The first create is throttled for ten minutes: a request waits for the instance until its deadline. */
const THROTTLED_CLOUD = [
  { name: 'memory-a', type: 'memory', config: { faults: { failCreateTimes: 1, failCreateWith: 'rate_limit', retryAfterSeconds: 600 } } },
];
/** Every create fails with an outage. */
const FAILING_CLOUD = [{ name: 'memory-a', type: 'memory', config: { faults: { failCreateTimes: 50, failCreateWith: 'server_error' } } }];

const waitForFinal = (harness: TestApi, id: string) =>
  eventually(
    () => harness.inject({ method: 'GET', url: `/api/v1/requests/${id}`, key: 'read' }),
    (response) => response.json().progress.final === true,
    15_000,
  );

describe('the provisioning section of the configuration', () => {
  let harness: TestApi | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('sets the deadline of requests the API provisions (provisioning.deadline_seconds)', async () => {
    harness = await startTestApi({ providers: THROTTLED_CLOUD, provisioning: { deadline_seconds: 1 } });
    const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 2 }, key: 'write' });
    expect(created.statusCode).toBe(202);
    // With the default deadline (30 minutes) the request would wait out the ten minutes.
    const done = await waitForFinal(harness, created.json().request.requestId);
    expect(done.json().request).toMatchObject({ status: 'failed', message: expect.stringMatching(/gave up after 1 s/) });
  });

  it('sets how often one instance is retried after transient failures (provisioning.max_transient_attempts_per_instance)', async () => {
    harness = await startTestApi({ providers: FAILING_CLOUD, provisioning: { max_transient_attempts_per_instance: 1 } });
    const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 1 }, key: 'write' });
    const done = await waitForFinal(harness, created.json().request.requestId);
    expect(done.json().request.status).toBe('failed');
    // The default is three attempts per instance.
    expect(done.json().request.attempts).toHaveLength(1);
  });
});
