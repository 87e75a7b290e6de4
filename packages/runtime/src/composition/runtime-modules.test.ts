import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Application } from '@ohf/application-cqrs';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { loadConfiguration } from '../configuration/load-configuration.js';
import type { LazyStorage } from './lazy-storage.js';
import { createRuntimeModules } from './runtime-modules.js';
import { RuntimeTokens } from './runtime-tokens.js';

async function compose(configYaml: string) {
  const root = mkdtempSync(join(tmpdir(), 'ohf-runtime-'));
  mkdirSync(join(root, 'conf'));
  writeFileSync(join(root, 'conf', 'config.yaml'), configYaml);
  writeFileSync(
    join(root, 'conf', 'templates.json'),
    JSON.stringify({
      templates: [{ templateId: 'web', maxNumber: 5, attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1024'] }, imageId: 'img', vmType: 'small' }],
    }),
  );
  const environment = { HF_PROVIDER_CONFDIR: join(root, 'conf'), HF_PROVIDER_WORKDIR: join(root, 'work') };
  const loaded = await loadConfiguration({ environment, currentDirectory: root });
  const container = new Container();
  await container.load(...createRuntimeModules(loaded, { environment }));
  return { container, root, application: container.get<Application>(RuntimeTokens.Application) };
}

const memoryConfiguration = `
providers:
  default_provider_instance: mem-a
  circuit_breaker: {failure_threshold: 1, recovery_timeout: 60}
  providers:
    - {name: mem-a, type: memory}
`;

describe('createRuntimeModules', () => {
  it('composes the application over the configuration, opening storage only when a use case needs it', async () => {
    const { container, application } = await compose(memoryConfiguration);
    const storage = container.get<LazyStorage>(RuntimeTokens.Storage);
    const listed = await application.dispatch({ type: 'ListTemplates' });
    expect(listed.templates.map((template) => template.templateId)).toEqual(['web']);
    expect(storage.isOpen).toBe(false);

    const requested = await application.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2, dryRun: false });
    expect(requested.providerInstance).toBe('mem-a');
    expect(requested.machines).toHaveLength(2);
    expect(storage.isOpen).toBe(true);
    expect(await storage.requests.findById(requested.requestId!)).toMatchObject({ templateId: 'web', requestedCount: 2 });
    await container.get<() => Promise<void>>(RuntimeTokens.Shutdown)();
    expect(storage.isOpen).toBe(false);
  });

  it('forwards the selection engine’s events to the application event bus', async () => {
    const { container, application } = await compose(memoryConfiguration);
    const seen: string[] = [];
    application.events.subscribe('ProviderHealthChanged', (event) => {
      seen.push(`${event.type}:${event.providerInstance}`);
    });
    await application.dispatch({
      type: 'UpdateProviderHealth',
      provider_name: 'mem-a',
      health_status: { is_healthy: false, status_message: 'maintenance' },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['ProviderHealthChanged:mem-a']);
    await container.get<() => Promise<void>>(RuntimeTokens.Shutdown)();
  });

  it('gives the application the stored catalog, the configured markup and the price file of the config directory', async () => {
    const { container, application, root } = await compose(`${memoryConfiguration}pricing:\n  markups:\n    - {id: memory, provider_type: memory, percent: 10}\n`);
    writeFileSync(join(root, 'conf', 'prices.json'), JSON.stringify({ prices: [{ provider: 'mem-a', plan_id: 'large', price_hourly: 0.05 }] }));

    expect(await application.dispatch({ type: 'SyncCatalog' })).toMatchObject({ ran: true, providers: [{ provider: 'mem-a', ok: true, plans: 3 }] });
    const storage = container.get<LazyStorage>(RuntimeTokens.Storage);
    expect((await storage.catalog.listPlans()).find((plan) => plan.planId === 'large')?.basePriceHourly).toBe(0.05);
    const { plans } = await application.dispatch({ type: 'ListCatalogPlans', sort: 'vcpus' });
    expect(plans.map((plan) => [plan.planId, plan.priceHourly, plan.markupRuleId])).toEqual([
      ['small', 0.0083, 'memory'],
      ['medium', 0.033, 'memory'],
      ['large', 0.055, 'memory'],
    ]);
    await container.get<() => Promise<void>>(RuntimeTokens.Shutdown)();
  });

  it('gives the application the storage’s audit trail and organizations, and restricts instances to the organizations listed', async () => {
    const { container, application } = await compose(`
providers:
  selection_policy: PRIORITY
  providers:
    - {name: mem-a, type: memory, priority: 1, organizations: [acme]}
    - {name: mem-b, type: memory, priority: 2}
audit: {retention_days: 30}
storage: {sqlite: {path: "\${HF_PROVIDER_WORKDIR}/audit.db"}}
`);
    const storage = container.get<LazyStorage>(RuntimeTokens.Storage);
    await storage.tenancy.createOrganization({
      organizationId: 'acme',
      name: 'Acme',
      quotas: { maxRunningMachines: 2 },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const acme = await application.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 2 }, { actor: { kind: 'user', id: 'u-1' } });
    expect(acme.providerInstance).toBe('mem-a');
    const other = await application.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    expect(other.providerInstance).toBe('mem-b');
    await expect(application.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });

    const { events } = await application.dispatch({ type: 'ListEvents', organizationId: 'acme', types: ['RequestCreated', 'MachineCreated'] });
    expect(events.map((event) => [event.type, event.actor.kind])).toEqual([
      ['RequestCreated', 'user'],
      ['MachineCreated', 'system'],
      ['MachineCreated', 'system'],
    ]);
    expect(events.every((event) => event.requestId === acme.requestId)).toBe(true);
    await container.get<() => Promise<void>>(RuntimeTokens.Shutdown)();
  });
});
