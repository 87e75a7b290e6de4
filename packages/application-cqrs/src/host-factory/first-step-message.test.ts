import { describe, expect, it } from 'vitest';
import { createApplicationFixture } from '../test-support/application-fixture.js';
import { firstStepMessage } from './first-step-message.js';

async function firstStep(fixture: ReturnType<typeof createApplicationFixture>): Promise<string | undefined> {
  const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
  return firstStepMessage(accepted.request!);
}

describe('firstStepMessage', () => {
  it('has nothing to add when the first step went well', async () => {
    expect(await firstStep(createApplicationFixture())).toBeUndefined();
  });

  it('names the failed first attempt and says the request is retried', async () => {
    const fixture = createApplicationFixture();
    fixture.providers.get('mem-a')!.cloud.setCapacity(0);
    expect(await firstStep(fixture)).toMatch(/^Request VM accepted; the first attempt on mem-a failed: INSUFFICIENT_CAPACITY \(.+\); retrying on the next poll\.$/);
  });

  it('names the instance that took over after a failover', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', priority: 1, maxCapacity: 0 }, { name: 'mem-b', priority: 2 }] });
    expect(await firstStep(fixture)).toMatch(/^Request VM accepted; the first attempt on mem-a failed: INSUFFICIENT_CAPACITY \(.+\); mem-b took over\.$/);
  });

  it('says provisioning stopped, and why, when the failure ends the request', async () => {
    const fixture = createApplicationFixture();
    fixture.providers.get('mem-a')!.cloud.failNextCalls('unauthorized', { operation: 'create' });
    expect(await firstStep(fixture)).toMatch(/^Request VM accepted; the first attempt on mem-a failed: INVALID_CREDENTIALS \(.+\); provisioning stopped: None of the 2 requested machines is running: /);
  });

  it('says the request waits when no instance can take it yet', async () => {
    const fixture = createApplicationFixture();
    fixture.selection.blockCapacity({ instance: 'mem-a', kind: 'quota_exceeded', ttlSeconds: 900 });
    expect(await firstStep(fixture)).toMatch(/^Request VM accepted; no provider instance can take it now, retrying on the next poll: .*mem-a: quota exceeded for small until /);
  });
});
