import { CatalogPlanSchema, type TemplateInput } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { InMemoryCatalogRepository } from '../adapters/in-memory-catalog-repository.js';
import { createApplicationFixture } from '../test-support/application-fixture.js';

const sized: TemplateInput = {
  templateId: 'sized',
  maxNumber: 5,
  attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '4'], nram: ['Numeric', '8192'] },
  providerType: 'memory',
  imageId: 'memory/debian-12',
  requirements: { vcpus: 4, memoryGb: 8 },
};

async function catalogWithLargePlanOn(providerInstance: string): Promise<InMemoryCatalogRepository> {
  const catalog = new InMemoryCatalogRepository();
  for (const [instance, vcpus] of [
    [providerInstance, 4],
    [providerInstance === 'mem-a' ? 'mem-b' : 'mem-a', 2],
  ] as const) {
    const plan = CatalogPlanSchema.parse({
      providerInstance: instance,
      providerType: 'memory',
      planId: 'medium',
      name: 'medium',
      vcpus,
      memoryGb: 8,
      diskGb: 40,
      basePriceHourly: 0.05,
      basePriceMonthly: null,
      updatedAt: '2026-12-05T00:00:00.000Z',
    });
    await catalog.replaceProviderCatalog(instance, { plans: [plan], regions: [], images: [], apps: [] }, '2026-12-05T00:00:00.000Z');
  }
  return catalog;
}

describe('validating a template with requirements', () => {
  it('names each instance whose catalog has no matching plan: an error for the instance checked, a warning while another matches', async () => {
    const fixture = createApplicationFixture({
      instances: [{ name: 'mem-a' }, { name: 'mem-b' }],
      templates: [sized],
      catalog: { catalog: await catalogWithLargePlanOn('mem-a') },
    });
    const everywhere = await fixture.app.dispatch({ type: 'ValidateTemplate', templateId: 'sized' });
    expect(everywhere.valid).toBe(true);
    expect(everywhere.warnings).toEqual([
      {
        severity: 'warning',
        code: 'NO_MATCHING_PLAN',
        field: 'requirements',
        origin: 'template',
        message: 'Provider instance "mem-b" has no active plan in its catalog with 4 vCPUs, 8 GB memory; run a catalog sync or relax the requirements.',
      },
    ]);

    const onB = await fixture.app.dispatch({ type: 'ValidateTemplate', templateId: 'sized', providerInstance: 'mem-b' });
    expect(onB.valid).toBe(false);
    expect(onB.errors.map((finding) => [finding.code, finding.message])).toEqual([
      ['NO_MATCHING_PLAN', 'Provider instance "mem-b" has no active plan in its catalog with 4 vCPUs, 8 GB memory; run a catalog sync or relax the requirements.'],
    ]);

    // Checked on the instance that has the plan, the provider sees the resolved size and finds nothing to say.
    const onA = await fixture.app.dispatch({ type: 'ValidateTemplate', templateId: 'sized', providerInstance: 'mem-a', level: 'STRICT' });
    expect(onA).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  it('fails a template with requirements when no catalog is configured', async () => {
    const fixture = createApplicationFixture({ templates: [sized] });
    const result = await fixture.app.dispatch({ type: 'ValidateTemplate', templateId: 'sized' });
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toContain('no catalog is configured to resolve requirements');
  });
});
