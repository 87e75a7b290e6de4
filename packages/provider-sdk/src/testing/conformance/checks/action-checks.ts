import { INSTANCE_ACTIONS_V1, InstanceActionResultV1Schema } from '../../../index.js';
import { describeAll, impossibleId, parse, settle, type CheckContext } from '../conformance-support.js';

/** The optional power actions: every action word, unknown machines, bad words and dry runs. */
export function actionChecks(context: CheckContext): void {
  const { check, expect, harness, provider } = context;

  check('boots, shuts down and reboots a machine; unknown machines are MACHINE_NOT_FOUND (optional performAction)', async () => {
    const perform = context.optionalMember('performAction');
    if (perform === undefined) return;
    const { ids } = await context.createMachines(1);
    const [id = ''] = ids;
    for (const action of INSTANCE_ACTIONS_V1) {
      const result = parse(InstanceActionResultV1Schema, await perform(id, action), `performAction (${action})`);
      expect(result).toMatchObject({ id, action });
      expect(result.plannedCalls, 'only a dry run plans calls').toBeUndefined();
    }
    const before = context.countBackendCalls();
    await expect(perform(impossibleId(), 'reboot'), 'an id this cloud can never have').rejects.toMatchObject({ code: 'MACHINE_NOT_FOUND', retryable: false });
    // @ts-expect-error -- a word outside the spec, as an untyped caller could send it
    await expect(perform(id, 'hibernate'), 'an action outside INSTANCE_ACTIONS_V1').rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(context.countBackendCalls(), 'refused before any call').toBe(before);
    await harness.removeOutOfBand(id);
    await expect(perform(id, 'boot'), 'a machine removed out of band').rejects.toMatchObject({ code: 'MACHINE_NOT_FOUND' });
  });

  check('never changes a machine on a dry run action (plans it when dry runs are supported)', async () => {
    const perform = context.optionalMember('performAction');
    if (perform === undefined) return;
    const { ids } = await context.createMachines(1);
    const [id = ''] = ids;
    const outcome = await settle(perform(id, 'shutdown', { dryRun: true }));
    if (provider().capabilities.supportsDryRun) {
      expect(outcome.ok, 'a provider that supports dry runs must plan an action').toBe(true);
      if (outcome.ok) {
        const result = parse(InstanceActionResultV1Schema, outcome.value, 'performAction (dry run)');
        expect(result.plannedCalls?.length ?? 0, 'a dry run action plans its calls').toBeGreaterThan(0);
      }
    } else if (!outcome.ok) {
      expect(outcome.error).toMatchObject({ code: 'API_NOT_SUPPORTED' });
    }
    const [after] = await describeAll(provider(), ids);
    // Clouds move a new machine on from pending by themselves; a dry run shutdown must not stop it.
    expect(['stopping', 'stopped'], 'a dry run action changed the machine').not.toContain(after?.state);
  });
}
