import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { describe, expect, it } from 'vitest';
import { editFakeAwsState, readFakeAwsState } from '@ohf/provider-aws/testing';
import { CLI_ROOT, createWorkspace, fakeAwsProcess, memoryConfiguration, runOhfp, WEB_TEMPLATES, type Workspace } from './cli-harness.js';

/** `ohfp machines reconcile` and the reconciliation status polls run, through the built binary. */

const UNKNOWN_REQUEST = 'req-00000000-0000-4000-8000-00000000f00d';

function memoryWorkspace(reconcile: string): Workspace {
  const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
  workspace.write('config.yaml', `${memoryConfiguration(workspace.workDirectory)}\n${reconcile}\n`);
  return workspace;
}

const cloudOf = (workspace: Workspace, name: 'a' | 'b') => new InMemoryCloud({ statePath: join(workspace.workDirectory, `cloud-${name}.json`) });

function launchTagged(workspace: Workspace, requestId: string, count: number) {
  return cloudOf(workspace, 'a').create({
    count,
    instanceType: 'small',
    location: 'mem-eu-1',
    lifecycle: 'ondemand',
    tags: { 'ohf:request-id': requestId, 'ohf:template-id': 'web', 'ohf:provider-instance': 'mem-a' },
  }).instances;
}

interface Report {
  dryRun: boolean;
  providers: { providerInstance: string; found: number; tracked: number; adopted: number; orphaned: number; terminated: number }[];
  instances: { providerInstanceId: string; requestId: string; action: string; reason: string }[];
}

describe('ohfp machines reconcile', () => {
  it('tells what it would do with --dry-run (JSON and table), then terminates the surplus of a request and reports orphans, terminating them when configured', async () => {
    const workspace = memoryWorkspace('reconcile:\n  interval_seconds: 0');
    const run = (...args: string[]) => runOhfp(args, workspace.environment);
    const requested = await run('requestMachines', '--data', JSON.stringify({ template: { templateId: 'web', machineCount: 3 } }));
    const { requestId } = requested.json<{ requestId: string }>();
    // The request counts 3: the machine a crashed process left behind belongs to it, if it has room.
    const [crashLeftover] = launchTagged(workspace, requestId, 1);
    const [orphan] = launchTagged(workspace, UNKNOWN_REQUEST, 1);

    const planned = await run('machines', 'reconcile', '--dry-run');
    expect(planned.exitCode, planned.stdout).toBe(0);
    const plan = planned.json<Report>();
    expect(plan.dryRun).toBe(true);
    expect(plan.instances.map((instance) => [instance.providerInstanceId, instance.action])).toEqual([
      [crashLeftover!.id, 'surplus_terminated'],
      [orphan!.id, 'orphan_reported'],
    ]);
    const table = await run('machines', 'reconcile', '--dry-run', '--format', 'table');
    expect(table.stdout.split('\n')[0]).toMatch(/^PROVIDER\s+CLOUD ID\s+REQUEST ID\s+STATE\s+ACTION\s+DETAIL$/);
    expect(table.stdout).toMatch(new RegExp(`mem-a\\s+${orphan!.id}\\s+${UNKNOWN_REQUEST}\\s+\\w+\\s+would be orphan reported\\s+Request ${UNKNOWN_REQUEST} is not in storage\\.`));
    expect(table.stdout).toMatch(/mem-a\s+summary\s+found 5, tracked 3, adopted 0, orphaned 1, terminated 0/);
    expect(cloudOf(workspace, 'a').instances().filter((instance) => instance.nativeState === 'deleted')).toEqual([]);

    const done = await run('machines', 'reconcile');
    expect(done.exitCode).toBe(0);
    expect(done.json<Report>().providers[0]).toEqual({ providerInstance: 'mem-a', found: 5, tracked: 3, adopted: 0, orphaned: 1, terminated: 1 });
    const states = new Map(cloudOf(workspace, 'a').instances().map((instance) => [instance.id, instance.nativeState]));
    expect(states.get(crashLeftover!.id)).toBe('deleted');
    expect(states.get(orphan!.id)).not.toBe('deleted');

    const cleaned = await runOhfp(['machines', 'reconcile'], { ...workspace.environment, HF_RECONCILE__TERMINATE_ORPHANS: 'true' });
    expect(cleaned.json<Report>().instances.map((instance) => [instance.providerInstanceId, instance.action])).toEqual([[orphan!.id, 'orphan_terminated']]);
    expect(cloudOf(workspace, 'a').instances().find((instance) => instance.id === orphan!.id)?.nativeState).toBe('deleted');
  });

  it('runs from getRequestStatus at most once per interval, separate processes sharing the interval', async () => {
    const workspace = memoryWorkspace('reconcile:\n  interval_seconds: 3600\n  terminate_orphans: true');
    const run = (...args: string[]) => runOhfp(args, workspace.environment);
    const live = await run('requestMachines', '--data', JSON.stringify({ template: { templateId: 'web', machineCount: 1 } }));
    const { requestId } = live.json<{ requestId: string }>();
    const [orphan] = launchTagged(workspace, UNKNOWN_REQUEST, 1);
    const lists = () => (JSON.parse(readFileSync(join(workspace.workDirectory, 'cloud-a.json'), 'utf8')) as { calls: { list: number } }).calls.list;
    const state = (id: string) => cloudOf(workspace, 'a').instances().find((instance) => instance.id === id)?.nativeState;

    const before = lists();
    expect((await run('getRequestStatus', '--data', JSON.stringify({ requestId }))).exitCode).toBe(0);
    const afterFirst = lists();
    expect(afterFirst - before).toBe(1);
    expect(state(orphan!.id)).toBe('deleted');

    // Within the interval, later polls (each its own process) leave a new orphan alone.
    const [later] = launchTagged(workspace, UNKNOWN_REQUEST, 1);
    await run('getRequestStatus', '--data', JSON.stringify({ requestId }));
    await run('getRequestStatus', '--data', JSON.stringify({ requestId }));
    expect(lists()).toBe(afterFirst);
    expect(state(later!.id)).not.toBe('deleted');
  });

  it('exits 5 and names the provider instance it could not ask; terminates AWS orphans on request', async () => {
    const workspace = createWorkspace({
      'config.yaml': 'providers:\n  providers:\n    - {name: aws-us-east-1, type: aws, capabilities: [EC2Fleet, RunInstances], config: {region: us-east-1}}\nreconcile:\n  interval_seconds: 0\n',
    });
    workspace.write('awsprov_templates.json', readFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), 'utf8'));
    const fake = await fakeAwsProcess(workspace);
    const run = (...args: string[]) => runOhfp(args, { ...workspace.environment, ...fake.environment }, fake.command);
    const [orphan] = editFakeAwsState(fake.statePath, (cloud) => {
      cloud.seed(1, { Name: 'not-ours' });
      const ids = cloud.seed(1, { 'ohf:request-id': UNKNOWN_REQUEST, 'ohf:template-id': 'fleet-ondemand', 'ohf:provider-instance': 'aws-us-east-1' });
      cloud.failNextCall('unauthorized');
      return ids;
    });

    const refused = await run('machines', 'reconcile');
    expect(refused.exitCode).toBe(5);
    expect(refused.json<{ providers: { providerInstance: string; error?: { code: string } }[] }>().providers).toEqual([
      expect.objectContaining({ providerInstance: 'aws-us-east-1', error: expect.objectContaining({ code: 'INVALID_CREDENTIALS' }) }),
    ]);

    const terminated = await run('machines', 'reconcile', '--terminate-orphans');
    expect(terminated.exitCode, terminated.stdout).toBe(0);
    expect(terminated.json<Report>().instances).toEqual([
      expect.objectContaining({ providerInstanceId: orphan, requestId: UNKNOWN_REQUEST, action: 'orphan_terminated' }),
    ]);
    const states = new Map(readFakeAwsState(fake.statePath)!.instances.map((instance) => [instance.id, instance.state]));
    expect(states.get(orphan!)).toBe('terminated');
    expect([...states.values()].filter((state) => state === 'running')).toHaveLength(1);
    const calls = readFakeAwsState(fake.statePath)!.calls;
    expect(calls['DescribeInstances']).toBeGreaterThanOrEqual(2);
  });
});
