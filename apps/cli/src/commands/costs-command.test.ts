import { createApplication } from '@ohf/application-cqrs';
import {
  InMemoryMachineRepository,
  InMemoryProviderInstances,
  InMemoryRequestRepository,
  InMemoryTemplateRepository,
  ManualClock,
} from '@ohf/application-cqrs/testing';
import { MachineSchema, type MachineInput } from '@ohf/domain-core';
import { createSelectionEngine } from '@ohf/selection-engine';
import { describe, expect, it } from 'vitest';
import type { CliContext, CliRuntime } from '../cli/cli-context.js';
import { renderOutput } from '../cli/render-output.js';
import { costsCommand, sinceOf } from './costs-command.js';

const now = new Date('2026-12-05T12:00:00.000Z');

function machine(fields: Partial<MachineInput>, index: number) {
  return MachineSchema.parse({
    machineId: `m-00000000-0000-4000-8000-00000000000${index}`,
    providerInstanceId: `cloud-${index}`,
    requestId: 'req-1',
    templateId: 'web',
    providerType: 'linode',
    providerInstance: 'linode-main',
    state: 'running',
    rawState: 'running',
    createdAt: '2026-12-05T00:00:00.000Z',
    updatedAt: '2026-12-05T00:00:00.000Z',
    ...fields,
  });
}

/** A context over the real application on in-memory storage holding three priced machines. */
async function contextWithMachines(): Promise<CliContext> {
  const machines = new InMemoryMachineRepository();
  await machines.saveMany([
    machine({ launchTime: '2026-12-05T02:00:00.000Z', planId: 'g6-standard-2', priceHourly: 0.05, currency: 'USD' }, 1),
    machine({ launchTime: '2026-12-05T10:00:00.000Z', planId: 'g6-standard-2', priceHourly: 0.05, currency: 'USD' }, 2),
    machine(
      { providerInstance: 'do-main', templateId: 'db', launchTime: '2026-12-04T12:00:00.000Z', state: 'terminated', updatedAt: '2026-12-05T06:00:00.000Z', priceHourly: 0.1, currency: 'USD' },
      3,
    ),
  ]);
  const application = createApplication({
    requests: new InMemoryRequestRepository(),
    machines,
    templates: new InMemoryTemplateRepository([]),
    providers: new InMemoryProviderInstances([]),
    selection: createSelectionEngine({ instances: [] }),
    clock: new ManualClock(now.toISOString()),
  });
  const runtime = { application, operationSignal: () => new AbortController().signal } as unknown as CliRuntime;
  return { environment: {}, currentDirectory: '/', configDirectory: undefined, progress: () => undefined, interactive: false, runtime: async () => runtime };
}

describe('ohfp costs', () => {
  it('reads --since as an ISO date or time, or a span back from now, and refuses anything else', () => {
    expect(sinceOf('1d', now)).toBe('2026-12-04T12:00:00.000Z');
    expect(sinceOf('12h', now)).toBe('2026-12-05T00:00:00.000Z');
    expect(sinceOf('2026-12-01', now)).toBe('2026-12-01T00:00:00.000Z');
    expect(sinceOf('2026-12-01T08:00:00+02:00', now)).toBe('2026-12-01T06:00:00.000Z');
    expect(() => sinceOf('last week', now)).toThrow(/--since must be an ISO 8601 date/);
    expect(() => sinceOf('7w', now)).toThrow(/12h, 1d or 7d/);
  });

  it('sums machine-hours × launch price per provider instance, with a total row in the table', async () => {
    const context = await contextWithMachines();
    const result = await costsCommand.run({ command: costsCommand, positionals: [], options: { since: '2026-12-05T00:00:00Z' } }, context);
    // linode-main: 10 h + 2 h at 0.05; do-main: 6 h of the period at 0.1 before it ended.
    expect(result.output).toMatchObject({
      groupBy: 'provider',
      since: '2026-12-05T00:00:00.000Z',
      groups: [
        { key: 'do-main', machines: 1, machineHours: 6, cost: 0.6, runningPriceHourly: 0 },
        { key: 'linode-main', machines: 2, machineHours: 12, cost: 0.6, runningPriceHourly: 0.1 },
      ],
      total: { machines: 3, machineHours: 18, cost: 1.2, runningPriceHourly: 0.1 },
    });
    expect((await renderOutput(result, 'table')).split('\n')).toEqual([
      'PROVIDER     MACHINES  MACHINE HOURS  COST  RUNNING PER HOUR  CURRENCY',
      'do-main      1         6              0.6   0                 USD',
      'linode-main  2         12             0.6   0.1               USD',
      'total        3         18             1.2   0.1               USD',
      '',
    ]);
  });

  it('groups by template and refuses an unknown grouping', async () => {
    const context = await contextWithMachines();
    const byTemplate = await costsCommand.run({ command: costsCommand, positionals: [], options: { 'group-by': 'template' } }, context);
    expect((byTemplate.output as { groups: { key: string; cost: number }[] }).groups.map((group) => [group.key, group.cost])).toEqual([
      ['db', 1.8],
      ['web', 0.6],
    ]);
    await expect(costsCommand.run({ command: costsCommand, positionals: [], options: { 'group-by': 'region' } }, context)).rejects.toThrow(
      '--group-by must be provider or template (got "region").',
    );
  });
});
