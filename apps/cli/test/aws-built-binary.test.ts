import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editFakeAwsState, readFakeAwsState } from '@ohf/provider-aws/testing';
import { CLI_ROOT, createWorkspace, fakeAwsProcess, runOhfp, type Workspace } from './cli-harness.js';

/**
 * The built `ohfp`, one process per operation as Symphony runs it, against provider-aws's fake
 * AWS cloud (the real SDK clients answered through aws-sdk-client-mock in each child process,
 * the cloud's state shared through a file).
 */

const AWS_CONFIGURATION = `
providers:
  default_provider_instance: aws-us-east-1
  providers:
    - name: aws-us-east-1
      type: aws
      capabilities: [EC2Fleet, RunInstances]
      config: {region: us-east-1}
storage:
  strategy: sqlite
`;

async function awsWorkspace(): Promise<{ workspace: Workspace; run: (args: readonly string[]) => ReturnType<typeof runOhfp>; statePath: string }> {
  const workspace = createWorkspace({ 'config.yaml': AWS_CONFIGURATION });
  copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), join(workspace.configDirectory, 'awsprov_templates.json'));
  const fake = await fakeAwsProcess(workspace);
  return {
    workspace,
    statePath: fake.statePath,
    run: (args) => runOhfp(args, { ...workspace.environment, ...fake.environment }, fake.command),
  };
}

describe('built ohfp against the shared fake AWS cloud', () => {
  it('requests machines, sees them run and returns them, each operation in its own process', async () => {
    const { run, statePath } = await awsWorkspace();
    const requested = await run(['requestMachines', '--data', '{"template":{"templateId":"fleet-ondemand","machineCount":2}}']);
    expect(requested.exitCode, requested.stderr).toBe(0);
    const { requestId } = requested.json<{ requestId: string }>();
    expect(readFakeAwsState(statePath)?.calls['CreateFleet']).toBe(1);

    editFakeAwsState(statePath, (cloud) => {
      for (const instance of cloud.instances.values()) instance.state = 'running';
    });
    const status = await run(['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })]);
    expect(status.exitCode).toBe(0);
    const [request] = status.json<{ requests: { status: string; machines: { machineId: string; name: string }[] }[] }>().requests;
    expect(request?.status).toBe('complete');
    const launched = readFakeAwsState(statePath)!.instances.map((instance) => instance.id);
    expect(request?.machines.map((machine) => machine.machineId).sort()).toEqual([...launched].sort());

    const returned = await run(['requestReturnMachines', '--data', JSON.stringify({ machines: request!.machines.map(({ name, machineId }) => ({ name, machineId })) })]);
    expect(returned.exitCode).toBe(0);
    expect(readFakeAwsState(statePath)!.instances.map((instance) => instance.state)).toEqual(['terminated', 'terminated']);
  });
});
