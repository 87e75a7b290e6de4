import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { createApplicationFixture, WEB_TEMPLATE } from '../test-support/application-fixture.js';

async function refusal(promise: Promise<unknown>): Promise<OhfError & Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!OhfError.isInstance(outcome)) throw new Error('expected the request to be refused');
  return outcome as OhfError & Error;
}

describe('maxNumber caps the machines of a template alive at once', () => {
  it('refuses a request that would exceed it, counting machines alive and on order, and frees room when machines are returned', async () => {
    const fixture = createApplicationFixture({ templates: [{ ...WEB_TEMPLATE, maxNumber: 5 }] });
    const first = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 3 });
    expect(first.machines).toHaveLength(3);

    const tooMany = await refusal(fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 3 }));
    expect(tooMany.code).toBe('INSTANCE_LIMIT_EXCEEDED');
    expect(tooMany.message).toBe('Template "web" allows at most 5 machines at once; 3 are running or on order, so at most 2 more can be requested (3 were requested).');
    expect(tooMany.details).toMatchObject({ templateId: 'web', maxNumber: 5, inUse: 3, available: 2, requested: 3, field: 'count' });
    // A dry run is held to the same cap.
    expect((await refusal(fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 3, dryRun: true }))).code).toBe('INSTANCE_LIMIT_EXCEEDED');
    expect((await fixture.requests.list({ kind: 'acquire' })).total).toBe(1);

    await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    expect((await refusal(fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 }))).message).toContain('at most 0 more');

    await fixture.app.dispatch({ type: 'ReturnMachines', machines: first.machines.slice(0, 2).map((machine) => ({ machineId: machine.machineId })) });
    const again = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    expect(again.machines).toHaveLength(2);
  });

  it('counts machines still on order: an unfinished request holds its remaining count', async () => {
    const fixture = createApplicationFixture({ templates: [{ ...WEB_TEMPLATE, maxNumber: 5 }] });
    await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 4, provisionInline: false });
    expect(await fixture.app.dispatch({ type: 'GetTemplateUsage' })).toEqual({ usage: { web: 4 } });
    const refused = await refusal(fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 }));
    expect(refused.details).toMatchObject({ inUse: 4, available: 1 });
  });

  it('reports usage per template: failed, terminated and returned machines free their place', async () => {
    const fixture = createApplicationFixture({ templates: [WEB_TEMPLATE, { ...WEB_TEMPLATE, templateId: 'batch', maxNumber: -1 }] });
    const web = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 3 });
    await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'batch', count: 25 });
    expect(await fixture.app.dispatch({ type: 'GetTemplateUsage' })).toEqual({ usage: { web: 3, batch: 25 } });

    const [failed, returned] = web.machines;
    await fixture.machines.saveMany([{ ...failed!, state: 'failed', rawState: 'error' }]);
    await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: returned!.machineId }] });
    expect(await fixture.app.dispatch({ type: 'GetTemplateUsage' })).toEqual({ usage: { web: 1, batch: 25 } });
    expect(await fixture.app.dispatch({ type: 'GetTemplateUsage', templateId: 'web' })).toEqual({ usage: { web: 1 } });
  });
});
