import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BINARY, createWorkspace, runOhfp, WEB_TEMPLATES, type CliRun, type Workspace } from './cli-harness.js';

/**
 * `ohfp events list` as people run it: the built binary, SQLite storage and the in-memory
 * provider double, each call a fresh process reading the audit trail the others wrote.
 */

interface EventsPage {
  readonly events: readonly {
    readonly sequence: number;
    readonly type: string;
    readonly organizationId: string;
    readonly actor: { readonly kind: string };
    readonly requestId?: string;
    readonly machineId?: string;
    readonly data: Record<string, unknown>;
  }[];
  readonly nextSequence?: number;
}

let workspace: Workspace;
const ohfp = (...args: string[]): Promise<CliRun> => runOhfp(args, workspace.environment);

beforeAll(() => {
  if (!existsSync(CLI_BINARY)) throw new Error(`Build the CLI first (${CLI_BINARY} is missing): npx nx build @ohf/cli`);
  workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
  workspace.write('config.yaml', {
    providers: { providers: [{ name: 'mem-a', type: 'memory', capabilities: ['RunInstances'], config: { statePath: join(workspace.workDirectory, 'cloud-a.json') } }] },
    storage: { strategy: 'sqlite' },
  });
});

describe('ohfp events list', () => {
  it('lists what the Host Factory calls did, as the CLI’s, filtered by request, machine and type, in pages', async () => {
    const requested = await ohfp('requestMachines', '--data', JSON.stringify({ template: { templateId: 'web', machineCount: 2 } }));
    expect(requested.exitCode, requested.stderr).toBe(0);
    const requestId = requested.json<{ requestId: string }>().requestId;

    const byRequest = await ohfp('events', 'list', '--request', requestId);
    expect(byRequest.exitCode, byRequest.stderr).toBe(0);
    const page = byRequest.json<EventsPage>();
    expect(page.events.map((event) => event.type)).toEqual([
      'RequestCreated',
      'ProviderSelected',
      'RequestStatusChanged',
      'ProvisionAttemptStarted',
      'MachineCreated',
      'MachineCreated',
      'ProvisionAttemptEnded',
    ]);
    expect(page.events[0]).toMatchObject({ organizationId: 'default', actor: { kind: 'cli' }, data: { kind: 'acquire', requestedCount: 2 } });
    expect(page.nextSequence).toBeUndefined();

    const machineId = page.events.find((event) => event.type === 'MachineCreated')!.machineId!;
    const [byMachine, byType, first, table] = await Promise.all([
      ohfp('events', 'list', '--machine', machineId),
      ohfp('events', 'list', '--type', 'MachineCreated', '--type', 'ProvisionAttemptEnded', '--since', '1h'),
      ohfp('events', 'list', '--limit', '2'),
      ohfp('events', 'list', '--request', requestId, '--type', 'ProvisionAttemptEnded', '--format', 'table'),
    ]);
    expect(byMachine.json<EventsPage>().events.map((event) => [event.type, event.machineId])).toEqual([['MachineCreated', machineId]]);
    expect(byType.json<EventsPage>().events.map((event) => event.type)).toEqual(['MachineCreated', 'MachineCreated', 'ProvisionAttemptEnded']);
    const firstPage = first.json<EventsPage>();
    expect(firstPage.events).toHaveLength(2);
    const next = await ohfp('events', 'list', '--limit', '2', '--after', String(firstPage.nextSequence));
    expect(next.json<EventsPage>().events.map((event) => event.sequence)).toEqual([3, 4]);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^SEQUENCE\s+OCCURRED AT\s+TYPE\s+ACTOR\s+REQUEST ID\s+MACHINE ID\s+PROVIDER INSTANCE\s+DATA$/);
    // Provisioning steps are the system's, even when a CLI call runs them inline.
    expect(lines[lines.length - 1]).toMatch(/ProvisionAttemptEnded\s+system\s+req-\S+\s+mem-a\s+\{"attempt":1,"outcome":"succeeded"/);
  });

  it('refuses flags it cannot read, and documents itself in --help', async () => {
    const [limit, since, help] = await Promise.all([
      ohfp('events', 'list', '--limit', 'many'),
      ohfp('events', 'list', '--since', 'last week'),
      ohfp('events', 'list', '--help'),
    ]);
    expect(limit.exitCode).toBe(2);
    expect(limit.json<{ error: { message: string } }>().error.message).toMatch(/--limit must be a whole number/);
    expect(since.exitCode).toBe(2);
    expect(since.json<{ error: { message: string } }>().error.message).toMatch(/--since must be an ISO 8601 date/);
    expect(help.exitCode).toBe(0);
    expect(help.stdout.split('\n')[0]).toBe('Usage: ohfp events list [options]');
    expect(help.stdout).toMatch(/--request ID[\s\S]*--machine ID[\s\S]*--type TYPE[\s\S]*--since ISO\|1h\|1d[\s\S]*--limit N[\s\S]*--after SEQUENCE/);
  });
});
