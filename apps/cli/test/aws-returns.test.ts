import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editFakeAwsState, readFakeAwsState } from '@ohf/provider-aws/testing';
import { CLI_ROOT, createWorkspace, fakeAwsProcess, runOhfp } from './cli-harness.js';

/**
 * Returns that always end, through the built `ohfp` (one process per operation, as Symphony
 * runs it) against provider-aws's fake AWS cloud shared through a state file.
 */

const AWS_CONFIGURATION = `
providers:
  default_provider_instance: aws-us-east-1
  providers:
    - name: aws-us-east-1
      type: aws
      capabilities: [EC2Fleet, SpotFleet, ASG, RunInstances]
      config: {region: us-east-1}
storage:
  strategy: sqlite
reconcile:
  interval_seconds: 0
`;

const OURS = 'req-00000000-0000-4000-8000-0000000000aa';
const ourTags = { 'ohf:request-id': OURS, 'ohf:template-id': 'fleet-ondemand', 'ohf:provider-instance': 'aws-us-east-1' };

interface HostFactoryMachine {
  machineId: string;
  name: string;
  result: string;
  status: string;
  message: string;
}
interface StatusAnswer {
  requests: { requestId: string; status: string; message: string; machines: HostFactoryMachine[] }[];
}

async function awsWorkspace() {
  const workspace = createWorkspace({ 'config.yaml': AWS_CONFIGURATION });
  const examples = JSON.parse(readFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), 'utf8')) as {
    templates: Record<string, unknown>[];
  };
  const fleet = examples.templates.find((template) => template.templateId === 'fleet-ondemand')!;
  examples.templates.push({ ...fleet, templateId: 'fleet-maintain', fleetType: 'maintain' });
  writeFileSync(join(workspace.configDirectory, 'awsprov_templates.json'), JSON.stringify(examples));
  const fake = await fakeAwsProcess(workspace);
  const run = (args: readonly string[]) => runOhfp(args, { ...workspace.environment, ...fake.environment }, fake.command);
  const status = async (requestId: string) => {
    const answer = await run(['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })]);
    expect(answer.exitCode, answer.stderr).toBe(0);
    return answer.json<StatusAnswer>().requests[0]!;
  };
  const instances = () => readFakeAwsState(fake.statePath)?.instances ?? [];
  const live = (predicate: (instance: ReturnType<typeof instances>[number]) => boolean = () => true) =>
    instances().filter((instance) => predicate(instance) && instance.state !== 'terminated' && instance.state !== 'shutting-down');
  return { workspace, statePath: fake.statePath, run, status, instances, live };
}

const dnsName = (privateIp: string) => `ip-${privateIp.replaceAll('.', '-')}.ec2.internal`;

describe('requestReturnMachines for machines this work directory has no record of', () => {
  it('terminates ours, counts gone ones as returned, leaves others running, and the return request ends', async () => {
    const { run, status, statePath, instances } = await awsWorkspace();
    const [ours, stranger] = editFakeAwsState(statePath, (cloud) => [...cloud.seed(1, ourTags), ...cloud.seed(1, { Name: 'legacy-node' })]);
    const byId = new Map(instances().map((instance) => [instance.id, instance]));
    const machines = [
      { machineId: ours, name: dnsName(byId.get(ours!)!.privateIp) },
      { machineId: 'i-0000000000000dead', name: 'ip-10-9-9-9.ec2.internal' },
      { machineId: stranger, name: dnsName(byId.get(stranger!)!.privateIp) },
    ];

    const returned = await run(['requestReturnMachines', '--data', JSON.stringify({ machines })]);
    expect(returned.exitCode, returned.stdout).toBe(0);
    const { requestId, message } = returned.json<{ requestId: string; message: string }>();
    expect(requestId).toMatch(/^ret-/);
    expect(message).toBe('Delete VM success; of the machines we had no record of: 1 already gone, 1 not returned (see getRequestStatus).');
    const states = new Map(instances().map((instance) => [instance.id, instance.state]));
    expect(states.get(ours!)).toBe('terminated');
    expect(states.get(stranger!)).toBe('running');

    const answer = await status(requestId);
    expect(answer.status).toBe('complete_with_error');
    expect(answer.machines.map((machine) => [machine.machineId, machine.result, machine.status])).toEqual([
      [ours, 'succeed', 'terminated'],
      ['i-0000000000000dead', 'succeed', 'terminated'],
      [stranger, 'fail', 'running'],
    ]);
    expect(answer.machines[2]?.message).toContain('was not launched by Open Host Factory');
  });

  it('finds a machine named by its host name alone, given as one object instead of a list, and terminates it when it is ours', async () => {
    const { run, status, statePath, instances } = await awsWorkspace();
    const [ours] = editFakeAwsState(statePath, (cloud) => cloud.seed(1, ourTags));
    const name = dnsName(instances()[0]!.privateIp);

    const returned = await run(['requestReturnMachines', '--data', JSON.stringify({ machines: { name } })]);
    expect(returned.exitCode, returned.stdout).toBe(0);
    const { requestId } = returned.json<{ requestId: string }>();
    expect(requestId).toMatch(/^ret-/);
    expect(instances()[0]?.state).toBe('terminated');

    const answer = await status(requestId);
    expect(answer.status).toBe('complete');
    expect(answer.machines.map((machine) => [machine.machineId, machine.name, machine.result])).toEqual([[ours, name, 'succeed']]);
  });

  it('answers with a request id while AWS cannot be asked, and ends once it answers again', async () => {
    const { run, status, statePath, instances } = await awsWorkspace();
    const [ours] = editFakeAwsState(statePath, (cloud) => {
      const ids = cloud.seed(1, ourTags);
      cloud.failNextCall('unauthorized', { times: 1 });
      return ids;
    });
    const returned = await run(['requestReturnMachines', '--data', JSON.stringify({ machines: [{ machineId: ours, name: 'host-1' }] })]);
    expect(returned.exitCode, returned.stdout).toBe(0);
    const { requestId, message } = returned.json<{ requestId: string; message: string }>();
    expect(message).toContain('1 still being looked up');
    expect(instances()[0]?.state).toBe('running');

    const polled = await status(requestId);
    expect(polled.status).toBe('running');
    expect(instances()[0]?.state).toBe('terminated');
    expect((await status(requestId)).status).toBe('complete');
  });
});

describe('getReturnRequests', () => {
  it('lists hosts AWS no longer has (or has terminated), with one describe for the whole poll however many hosts', async () => {
    const { run, statePath } = await awsWorkspace();
    const [alive, ended] = editFakeAwsState(statePath, (cloud) => {
      const ids = cloud.seed(2, { Name: 'worker' });
      cloud.instances.get(ids[1]!)!.state = 'terminated';
      return ids;
    });
    const before = readFakeAwsState(statePath)!.calls['DescribeInstances'] ?? 0;
    const answer = await run([
      'getReturnRequests',
      '--data',
      JSON.stringify({
        machines: [
          { machineId: alive, name: 'host-alive' },
          { machineId: ended, name: 'host-ended' },
          { machineId: 'i-0000000000000dead', name: 'host-gone' },
          { machineId: 'i-0000000000000beef', name: 'host-gone-too' },
        ],
      }),
    ]);
    expect(answer.exitCode, answer.stderr).toBe(0);
    expect(answer.json()).toEqual({
      status: 'complete',
      message: '',
      requests: [
        { machine: 'host-ended', machineId: ended, gracePeriod: 0 },
        { machine: 'host-gone', machineId: 'i-0000000000000dead', gracePeriod: 0 },
        { machine: 'host-gone-too', machineId: 'i-0000000000000beef', gracePeriod: 0 },
      ],
    });
    // One describe of every id; AWS names the ids it does not know, and the rest is asked once more.
    expect((readFakeAwsState(statePath)!.calls['DescribeInstances'] ?? 0) - before).toBe(2);
  });
});

describe('maintained fleets and groups', () => {
  it.each([
    ['fleet-maintain', 'a maintain EC2 Fleet'],
    ['asg-workers', 'an Auto Scaling group'],
  ])('returning some machines of %s (%s) leaves no replacement', async (templateId) => {
    const { run, status, statePath, live } = await awsWorkspace();
    const requested = await run(['requestMachines', '--data', JSON.stringify({ template: { templateId, machineCount: 3 } })]);
    expect(requested.exitCode, requested.stdout).toBe(0);
    const { requestId } = requested.json<{ requestId: string }>();
    editFakeAwsState(statePath, (cloud) => {
      for (const instance of cloud.instances.values()) instance.state = 'running';
    });
    const acquired = await status(requestId);
    expect(acquired.status).toBe('complete');
    expect(acquired.machines).toHaveLength(3);

    const [first, second, kept] = acquired.machines;
    const returned = await run(['requestReturnMachines', '--data', JSON.stringify({ machines: [first!, second!].map(({ name, machineId }) => ({ name, machineId })) })]);
    expect(returned.exitCode).toBe(0);
    editFakeAwsState(statePath, (cloud) => cloud.tick());
    expect(live().map((instance) => instance.id)).toEqual([kept!.machineId]);
    expect((await status(returned.json<{ requestId: string }>().requestId)).status).toBe('complete');
    expect(live().map((instance) => instance.id)).toEqual([kept!.machineId]);
  });
});

describe('requests cancel --terminate-machines', () => {
  it.each([
    ['fleet-maintain', 'deleted_terminating'],
    ['asg-workers', undefined],
  ])('deletes what %s launched before its machines were recorded, and nothing comes back', async (templateId, fleetState) => {
    const { run, statePath, live } = await awsWorkspace();
    const requested = await run(['requestMachines', '--data', JSON.stringify({ template: { templateId, machineCount: 2 } })]);
    const { requestId } = requested.json<{ requestId: string }>();
    // The fleet or group launched in the background; no machine is recorded yet.
    expect(live((instance) => instance.tags['ohf:request-id'] === requestId)).toHaveLength(2);
    const listed = await run(['machines', 'list', '--request', requestId]);
    expect(listed.json<{ total: number }>().total).toBe(0);

    const cancelled = await run(['requests', 'cancel', requestId, '--terminate-machines']);
    expect(cancelled.exitCode, cancelled.stdout).toBe(0);
    const output = cancelled.json<{ request: { status: string }; released: { resources: { kind: string }[] }[]; returnRequestId?: string; problems: string[] }>();
    expect(output.request.status).toBe('cancelled');
    expect(output.released[0]?.resources.map((resource) => resource.kind)).toEqual([templateId === 'asg-workers' ? 'AutoScalingGroup' : 'EC2Fleet']);
    expect(output.returnRequestId).toMatch(/^ret-/);

    editFakeAwsState(statePath, (cloud) => cloud.tick());
    expect(live((instance) => instance.tags['ohf:request-id'] === requestId)).toEqual([]);
    const state = readFakeAwsState(statePath)!;
    if (fleetState !== undefined) expect(state.fleets.map((fleet) => fleet.state)).toEqual([fleetState]);
    else expect(state.groups).toEqual([]);
  });
});
