import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editFakeAwsState, readFakeAwsState } from '@ohf/provider-aws/testing';
import { CLI_ROOT, createWorkspace, fakeAwsProcess, runOhfp, type CliRun } from './cli-harness.js';

/**
 * A provider instance directory as copied from an IBM Spectrum Symphony AWS plugin installation
 * (test/fixtures/ibm-aws-plugin: IBM's awsprov_config.json and awsprov_templates.json samples,
 * renamed to awsinstprov_* as Symphony names them under $HF_CONFDIR/providers/awsinst/), with no
 * configuration of ours, driven through the built ohfp one process per operation against the
 * fake AWS cloud.
 */
const FIXTURE = join(CLI_ROOT, 'test', 'fixtures', 'ibm-aws-plugin');

async function ibmCluster(): Promise<{ run: (operation: string, input: unknown) => Promise<CliRun>; statePath: string; logFile: string }> {
  const workspace = createWorkspace({});
  const top = join(workspace.root, 'hostfactory');
  const confPath = join(top, 'conf', 'providers', 'awsinst');
  mkdirSync(confPath, { recursive: true });
  const credentials = join(workspace.root, 'aws-credentials');
  writeFileSync(credentials, '[default]\naws_access_key_id=AKIAIBMPLUGINEXAMPLE\naws_secret_access_key=ibm-plugin-secret\n');
  const config = JSON.parse(readFileSync(join(FIXTURE, 'awsprov_config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(confPath, 'awsinstprov_config.json'), JSON.stringify({ ...config, AWS_CREDENTIAL_FILE: credentials }, null, 2));
  writeFileSync(join(confPath, 'awsinstprov_templates.json'), readFileSync(join(FIXTURE, 'awsprov_templates.json')));
  const fake = await fakeAwsProcess(workspace);
  // What Symphony sets for a provider script (HF_PROVIDER_* left to their defaults), and no more.
  const environment = {
    PATH: process.env.PATH ?? '',
    HOME: workspace.root,
    HF_CONFDIR: join(top, 'conf'),
    HF_WORKDIR: join(top, 'work'),
    HF_LOGDIR: join(top, 'log'),
    HF_PROVIDER_NAME: 'awsinst',
    HF_LOGLEVEL: 'LOG_INFO',
    ...fake.environment,
  };
  return {
    statePath: fake.statePath,
    logFile: join(top, 'log', 'app.log'),
    run: (operation, input) => runOhfp([operation, '--data', JSON.stringify(input)], environment, fake.command),
  };
}

interface StatusAnswer {
  requests: { requestId: string; status: string; machines: { machineId: string; name: string; result: string; status: string }[] }[];
}

describe('a conf directory copied from an IBM AWS plugin installation', () => {
  it('lists its templates and provisions through them: RunInstances on demand, Spot Fleet for spot', async () => {
    const { run, statePath, logFile } = await ibmCluster();

    const listed = await run('getAvailableTemplates', {});
    expect(listed.exitCode, listed.stdout).toBe(0);
    const templates = listed.json<{ templates: Record<string, unknown>[] }>().templates;
    expect(templates.map((template) => template['templateId'])).toEqual(['Template-VM-SYMsmall', 'SpotTemplate-VM-SYM']);
    expect(templates[0]).toMatchObject({
      maxNumber: 20,
      availableNumber: 20,
      attributes: {
        type: ['String', 'X86_64'],
        ncpus: ['Numeric', '1'],
        nram: ['Numeric', '1024'],
        rank: ['Numeric', '0'],
        priceInfo: ['String', 'price:0.1,billingTimeUnitType:prorated_hour,billingTimeUnitNumber:1,billingRoundoffType:unit'],
      },
      imageId: 'ami-f09fbde7',
      vmType: 't2.micro',
      subnetId: 'subnet-20069069',
      keyName: 'Sym-Key',
      securityGroupIds: ['sg-541fdc29'],
      instanceTags: 'company=abc;project=awscloud;team=xyz',
      priceType: 'ondemand',
    });
    expect(templates[1]).toMatchObject({ priceType: 'spot', maxSpotPrice: '0.05', vmTypes: { 't2.medium': 1, 'a1.xlarge': 2 } });
    expect(readFileSync(logFile, 'utf8')).toMatch(/AWS_KEY_FILE is not used/);

    // On demand: RunInstances, as IBM's plugin does.
    const requested = await run('requestMachines', { template: { templateId: 'Template-VM-SYMsmall', machineCount: 2 } });
    expect(requested.exitCode, requested.stdout).toBe(0);
    expect(requested.json()).toEqual({ requestId: expect.stringMatching(/^req-/), message: 'Request VM success from AWS.' });
    const afterOnDemand = readFakeAwsState(statePath)!;
    expect(afterOnDemand.calls['RunInstances']).toBe(1);
    expect(afterOnDemand.calls['CreateFleet'] ?? 0).toBe(0);
    expect(afterOnDemand.instances.map((instance) => [instance.instanceType, instance.subnetId, instance.tags['team']])).toEqual([
      ['t2.micro', 'subnet-20069069', 'xyz'],
      ['t2.micro', 'subnet-20069069', 'xyz'],
    ]);

    editFakeAwsState(statePath, (cloud) => {
      for (const instance of cloud.instances.values()) instance.state = 'running';
    });
    const { requestId } = requested.json<{ requestId: string }>();
    const availableAfter = (await run('getAvailableTemplates', {})).json<{ templates: { templateId: string; availableNumber: number }[] }>().templates;
    expect(availableAfter.map(({ templateId, availableNumber }) => [templateId, availableNumber])).toEqual([
      ['Template-VM-SYMsmall', 18],
      ['SpotTemplate-VM-SYM', 10],
    ]);
    const status = await run('getRequestStatus', { requests: [{ requestId }] });
    expect(status.exitCode, status.stdout).toBe(0);
    const [request] = status.json<StatusAnswer>().requests;
    expect(request).toMatchObject({ requestId, status: 'complete' });
    expect(request!.machines.map((machine) => [machine.result, machine.status])).toEqual([
      ['succeed', 'running'],
      ['succeed', 'running'],
    ]);

    // Spot: a Spot Fleet request with the template's fleet role and price.
    const spot = await run('requestMachines', { template: { templateId: 'SpotTemplate-VM-SYM', machineCount: 2 } });
    expect(spot.exitCode, spot.stdout).toBe(0);
    const afterSpot = readFakeAwsState(statePath)!;
    expect(afterSpot.calls['RequestSpotFleet']).toBe(1);
    expect(afterSpot.fleets[0]?.input).toMatchObject({
      IamFleetRole: 'arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role',
      SpotPrice: '0.05',
      AllocationStrategy: 'lowestPrice',
      TargetCapacity: 2,
    });

    // Returned machines are terminated at AWS, and the return request completes.
    const returned = await run('requestReturnMachines', { machines: request!.machines.map(({ name, machineId }) => ({ name, machineId })) });
    expect(returned.exitCode, returned.stdout).toBe(0);
    const { requestId: returnId } = returned.json<{ requestId: string }>();
    const terminated = new Set(request!.machines.map((machine) => machine.machineId));
    expect(readFakeAwsState(statePath)!.instances.filter((instance) => terminated.has(instance.id)).map((instance) => instance.state)).toEqual([
      'terminated',
      'terminated',
    ]);
    const returnStatus = await run('getRequestStatus', { requests: [{ requestId: returnId }] });
    expect(returnStatus.json<StatusAnswer>().requests[0]).toMatchObject({ requestId: returnId, status: 'complete' });
  });

  it('refuses an invalid value in awsprov_config.json with exit 3 naming the file and the key', async () => {
    const workspace = createWorkspace({});
    workspace.write('awsprov_config.json', { AWS_REGION: 'us-east-1', AWS_REQUEST_RETRY_ATTEMPTS: 'many' });
    workspace.write('awsprov_templates.json', readFileSync(join(FIXTURE, 'awsprov_templates.json'), 'utf8'));
    const run = await runOhfp(['getAvailableTemplates', '--data', '{}'], workspace.environment);
    expect(run.exitCode).toBe(3);
    expect(run.json<{ message: string }>().message).toContain(`${join(workspace.configDirectory, 'awsprov_config.json')}: AWS_REQUEST_RETRY_ATTEMPTS: must be a whole number`);
  });
});
