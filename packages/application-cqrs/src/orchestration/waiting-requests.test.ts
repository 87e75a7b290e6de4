import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { createApplicationFixture, WEB_TEMPLATE } from '../test-support/application-fixture.js';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('a request while every candidate is blocked for capacity, quota or throttling', () => {
  it('is accepted and waits, naming the block, and is provisioned once the block lapses', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a' }] });
    fixture.selection.blockCapacity({ instance: 'mem-a', kind: 'insufficient_capacity', ttlSeconds: 180, reason: 'no small machines left in zone a' });

    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    expect(accepted.created).toBe(true);
    expect(accepted.requestId).toMatch(/^req-/);
    expect(accepted.request?.status).toBe('in_progress');
    expect(accepted.request?.message).toMatch(/mem-a.*insufficient capacity.*no small machines left in zone a/);
    expect(fixture.providers.get('mem-a')!.cloud.callCount('create')).toBe(0);

    fixture.clock.advance(60_000);
    const waiting = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(waiting.requests[0]!.request!.status).toBe('in_progress');
    expect(waiting.requests[0]!.request!.message).toMatch(/mem-a.*insufficient capacity/);

    fixture.clock.advance(121_000);
    const done = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(done.requests[0]!.request!.status).toBe('complete');
    expect(done.requests[0]!.machines).toHaveLength(2);
  });

  it('completes with an error naming the block when its deadline passes first', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a' }], options: { provisioning: { deadlineMs: 600_000 } } });
    fixture.selection.blockCapacity({ instance: 'mem-a', kind: 'quota_exceeded', ttlSeconds: 3_600, reason: 'vCPU limit of 64 reached' });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    expect(accepted.request?.status).toBe('in_progress');

    fixture.clock.advance(601_000);
    const ended = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const request = ended.requests[0]!.request!;
    expect(request.status).toBe('failed');
    expect(request.message).toMatch(/gave up after 600 s/);
    expect(request.message).toMatch(/mem-a.*quota exceeded.*vCPU limit of 64 reached/);
  });

  it('is still refused at once when no instance could ever serve it', async () => {
    const fixture = createApplicationFixture({
      instances: [{ name: 'mem-a' }],
      templates: [{ ...WEB_TEMPLATE, templateId: 'gpu', providerApi: 'GpuFleet' }],
    });
    fixture.selection.blockCapacity({ instance: 'mem-a', kind: 'insufficient_capacity', ttlSeconds: 180 });
    const refused = await caught(fixture.app.dispatch({ type: 'RequestMachines', templateId: 'gpu', count: 1 }));
    expect(OhfError.isInstance(refused) && refused.code).toBe('NO_COMPATIBLE_PROVIDER');
    expect((await fixture.requests.list()).total).toBe(0);
  });
});

describe('messages that say why a request is not done', () => {
  it('names the first attempt’s failure and keeps the request waiting for the instance to have capacity again', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a' }] });
    const cloud = fixture.providers.get('mem-a')!.cloud;
    cloud.setCapacity(0);
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    expect(accepted.request?.status).toBe('in_progress');
    expect(accepted.request?.message).toMatch(/mem-a: INSUFFICIENT_CAPACITY/);

    cloud.setCapacity(10);
    fixture.clock.advance(181_000);
    const done = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(done.requests[0]!.request!.status).toBe('complete');
  });

  it('names the last error of each provider instance instead of only counting machines', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a' }] });
    const cloud = fixture.providers.get('mem-a')!.cloud;
    cloud.failNextCalls('rate_limit', { operation: 'create', retryAfterSeconds: 30 });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    fixture.clock.advance(10_000);
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const message = status.requests[0]!.request!.message;
    expect(message).toMatch(/^0 of 2 machines running/);
    expect(message).toMatch(/mem-a: RATE_LIMIT_EXCEEDED/);
  });
});
