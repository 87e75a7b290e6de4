import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeInstancesCommand, type DescribeInstancesCommandInput } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, FakeAwsCloud } from '@ohf/provider-aws/testing';
import { runCli } from '../src/run-cli.js';
import { createWorkspace, type Workspace } from './cli-harness.js';

/**
 * A status poll over 5,000 AWS machines (5 DescribeInstances batches of 1,000) where one batch
 * fails: `runCli` runs in this process so aws-sdk-client-mock answers the real SDK clients.
 */

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAOHFTESTEXAMPLE', AWS_SECRET_ACCESS_KEY: 'ohf-test-secret' } as const;
const MACHINES = 5_000;

const CONFIGURATION = `
providers:
  default_provider_instance: aws-us-east-1
  providers:
    - name: aws-us-east-1
      type: aws
      capabilities: [EC2Fleet]
      config: {region: us-east-1, retry: {max_attempts: 2}}
storage:
  strategy: sqlite
`;

const TEMPLATES = {
  templates: [
    {
      templateId: 'big-fleet',
      providerApi: 'EC2Fleet',
      fleetType: 'instant',
      maxNumber: MACHINES,
      attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '8192'] },
      imageId: 'ami-0abcdef1234567890',
      subnetId: 'subnet-0a1b2c3d4e5f60001',
      vmType: 'm5.large',
      priceType: 'ondemand',
    },
  ],
};

interface RequestStatus {
  status: string;
  machines: { machineId: string; result: string; status: string }[];
}

async function ohfp(workspace: Workspace, args: readonly string[]): Promise<{ exitCode: number; stdout: string }> {
  let stdout = '';
  const exitCode = await runCli({
    argv: args,
    environment: { ...workspace.environment, ...CREDENTIALS },
    currentDirectory: workspace.root,
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    stderrIsTerminal: false,
  });
  return { exitCode, stdout };
}

async function requestStatus(workspace: Workspace, requestId: string): Promise<RequestStatus> {
  const run = await ohfp(workspace, ['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })]);
  expect(run.exitCode).toBe(0);
  return (JSON.parse(run.stdout) as { requests: RequestStatus[] }).requests[0]!;
}

/** How many DescribeInstances pages were filtered by tag (the reconciliation's listing of our instances). */
const taggedDescribes = (): number =>
  cloud.ec2.commandCalls(DescribeInstancesCommand).filter((call) => ((call.args[0].input as DescribeInstancesCommandInput).Filters ?? []).length > 0).length;

/** The instance ids of each DescribeInstances by id (tag-filtered ones left out). */
const describedBatches = (): string[][] =>
  cloud.ec2
    .commandCalls(DescribeInstancesCommand)
    .map((call) => (call.args[0].input as DescribeInstancesCommandInput).InstanceIds ?? [])
    .filter((ids) => ids.length > 0);

const countBy = (machines: readonly { status: string }[]): Record<string, number> =>
  machines.reduce<Record<string, number>>((counts, machine) => ({ ...counts, [machine.status]: (counts[machine.status] ?? 0) + 1 }), {});

const cloud = new FakeAwsCloud();
const savedEnvironment: Record<string, string | undefined> = {};

beforeAll(() => {
  // The SDK's default credential chain reads process.env, not the environment handed to ohfp.
  for (const [key, value] of Object.entries(CREDENTIALS)) {
    savedEnvironment[key] = process.env[key];
    process.env[key] = value;
  }
});
afterAll(() => {
  cloud.restore();
  for (const [key, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('a status poll over 5,000 AWS machines', () => {
  it('still sends and applies the other batches when one DescribeInstances batch fails; its machines keep their stored state until the next poll', async () => {
    const workspace = createWorkspace({ 'config.yaml': CONFIGURATION, 'awsprov_templates.json': TEMPLATES });
    const requested = await ohfp(workspace, ['requestMachines', '--data', JSON.stringify({ template: { templateId: 'big-fleet', machineCount: MACHINES } })]);
    expect(requested.exitCode).toBe(0);
    const { requestId } = JSON.parse(requested.stdout) as { requestId: string };

    cloud.ec2.resetHistory();
    const pending = await requestStatus(workspace, requestId);
    expect(countBy(pending.machines)).toEqual({ pending: MACHINES });
    const batches = describedBatches();
    expect(batches.map((batch) => batch.length)).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
    // The first poll is the first reconciliation too: it lists our instances by tag, a page per 1,000.
    expect(taggedDescribes()).toBe(5);

    // EC2 now reports every machine running, but the third batch fails on every try.
    for (const instance of cloud.instances.values()) instance.state = 'running';
    const failing = batches[2]!;
    cloud.ec2.on(DescribeInstancesCommand, { InstanceIds: failing }).rejects(awsError('InternalError', 'An internal error has occurred.', { status: 500, fault: 'server' }));
    cloud.ec2.resetHistory();
    const partly = await requestStatus(workspace, requestId);
    const sent = describedBatches();
    // Every batch was sent; the failing one twice (retry.max_attempts: one retry layer, no SDK retries on top).
    expect(sent).toHaveLength(6);
    expect(sent.filter((batch) => batch.join() === failing.join())).toHaveLength(2);
    expect(countBy(partly.machines)).toEqual({ running: 4_000, pending: 1_000 });
    // Reconciliation runs once per interval (10 minutes): a poll within it describes by id only.
    expect(taggedDescribes()).toBe(0);
    expect(readFileSync(join(workspace.logDirectory, 'app.log'), 'utf8')).toContain('could not refresh the machine states of a describe batch');

    // The failure gone (the same cloud, without the failing stub), the next poll reads the rest: nothing was lost.
    const state = cloud.exportState();
    cloud.reset();
    cloud.importState(state);
    expect(countBy((await requestStatus(workspace, requestId)).machines)).toEqual({ running: MACHINES });
  });
});
