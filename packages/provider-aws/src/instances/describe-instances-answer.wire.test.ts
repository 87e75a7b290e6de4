import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DescribeInstancesCommandOutput, Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import { ProviderSdkError } from '@ohf/provider-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsApi, AwsCallScope } from '../aws-api.js';
import { AwsProviderSettingsSchema } from '../aws-settings.js';
import { readDescribeInstancesAnswer } from './describe-instances-answer.js';
import type { DescribedInstance } from './describe-instances-answer.js';
import { describeEc2Instances, findEc2InstancesByTag } from './describe-instances.js';
import { toInstanceV1 } from './instance-mapping.js';

/**
 * The answer reader against the SDK's own deserializer: the same wire XML, served by a loopback
 * EC2 endpoint, read once through each, must give the same fields. The XML carries everything
 * AWS sends (network interfaces with nested items and their own private addresses, block
 * devices, security groups, entity-escaped tags), not only what is read.
 */
interface InstanceWire {
  id: string;
  state?: string;
  publicIp?: string;
  lifecycle?: string;
  spotRequest?: string;
  stateReason?: string;
  tags?: Array<[string, string]>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function instanceXml(instance: InstanceWire): string {
  const address = `10.0.${instance.id.length}.${instance.id.charCodeAt(instance.id.length - 1)}`;
  const publicParts = instance.publicIp
    ? `<dnsName>ec2-${instance.publicIp.replace(/\./g, '-')}.compute-1.amazonaws.com</dnsName><ipAddress>${instance.publicIp}</ipAddress>`
    : '<dnsName/>';
  const association = instance.publicIp
    ? `<association><publicIp>${instance.publicIp}</publicIp><publicDnsName>ec2-x.compute-1.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId></association>`
    : '';
  return `<item>
    <instanceId>${instance.id}</instanceId><imageId>ami-0123456789abcdef0</imageId>
    <instanceState><code>16</code><name>${instance.state ?? 'running'}</name></instanceState>
    <privateDnsName>ip-${address.replace(/\./g, '-')}.ec2.internal</privateDnsName>${publicParts}
    <reason/><keyName>hpc-key</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/>
    <instanceType>c5.xlarge</instanceType><launchTime>2026-01-02T03:04:05.000Z</launchTime>
    <placement><availabilityZone>us-east-1b</availabilityZone><groupName/><tenancy>default</tenancy></placement>
    <monitoring><state>disabled</state></monitoring><subnetId>subnet-0a1b2c3d4e5f60001</subnetId><vpcId>vpc-0a1b2c3d4e5f60001</vpcId>
    <privateIpAddress>${address}</privateIpAddress>${instance.publicIp ? '' : ''}
    <sourceDestCheck>true</sourceDestCheck>
    <groupSet><item><groupId>sg-0aa11bb22cc33dd44</groupId><groupName>hpc</groupName></item></groupSet>
    ${instance.stateReason ? `<stateReason><code>${instance.stateReason}</code><message>Client.UserInitiatedShutdown: User initiated shutdown</message></stateReason>` : ''}
    <architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>
    <blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-1</volumeId><status>attached</status><attachTime>2026-01-02T03:04:06.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>
    ${instance.lifecycle ? `<instanceLifecycle>${instance.lifecycle}</instanceLifecycle>` : ''}
    ${instance.spotRequest ? `<spotInstanceRequestId>${instance.spotRequest}</spotInstanceRequestId>` : ''}
    <virtualizationType>hvm</virtualizationType><clientToken>token-1</clientToken>
    <tagSet>${(instance.tags ?? []).map(([key, value]) => `<item><key>${escape(key)}</key><value>${value === '' ? '' : escape(value)}</value></item>`).join('')}${
      (instance.tags ?? []).length > 0 ? '<item><key>empty</key><value/></item>' : ''
    }</tagSet>
    <hypervisor>xen</hypervisor>
    <networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId><subnetId>subnet-0a1b2c3d4e5f60001</subnetId><vpcId>vpc-0a1b2c3d4e5f60001</vpcId>
      <ownerId>123456789012</ownerId><status>in-use</status><privateIpAddress>${address}</privateIpAddress><privateDnsName>ip-other.ec2.internal</privateDnsName>
      <groupSet><item><groupId>sg-0aa11bb22cc33dd44</groupId><groupName>hpc</groupName></item></groupSet>
      <attachment><attachmentId>eni-attach-1</attachmentId><deviceIndex>0</deviceIndex><status>attached</status></attachment>${association}
      <privateIpAddressesSet><item><privateIpAddress>${address}</privateIpAddress><primary>true</primary>${association}</item></privateIpAddressesSet>
    </item></networkInterfaceSet>
    <ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport>
    <cpuOptions><coreCount>2</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>
    <metadataOptions><state>applied</state><httpTokens>required</httpTokens></metadataOptions>
    <platformDetails>Linux/UNIX</platformDetails>
  </item>`;
}

function answerXml(reservations: InstanceWire[][], nextToken?: string): string {
  const sets = reservations
    .map((instances, index) => `<item><reservationId>r-${index}</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>${instances.map(instanceXml).join('')}</instancesSet></item>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId><reservationSet>${sets}</reservationSet>${
    nextToken ? `<nextToken>${nextToken}</nextToken>` : ''
  }</DescribeInstancesResponse>`;
}

const RUNNING_WITH_PUBLIC_IP: InstanceWire = {
  id: 'i-0123456789abcdef0',
  publicIp: '54.1.2.3',
  tags: [
    ['Name', 'worker <1> & "co" in Zürich ☺'],
    ['ohf:request-id', 'req-1'],
    ['aws:ec2spot:fleet-request-id', 'sfr-1'],
  ],
};
const SPOT_WITHOUT_PUBLIC_IP: InstanceWire = { id: 'i-0123456789abcdef1', lifecycle: 'spot', spotRequest: 'sir-abc123', tags: [['ohf:request-id', 'req-1']] };
const STOPPED_WITHOUT_TAGS: InstanceWire = { id: 'i-0123456789abcdef2', state: 'stopped', stateReason: 'Client.UserInitiatedShutdown' };

type Answer = { status: number; body: string };
let server: Server;
let endpoint: string;
let answers: Answer[] = [];
const received: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(body);
      const answer = answers.shift() ?? { status: 500, body: '' };
      response.writeHead(answer.status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': 'wire-request' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  answers = [];
  received.length = 0;
});

function api(): AwsApi {
  return new AwsApi({
    settings: AwsProviderSettingsSchema.parse({ region: 'us-east-1', endpoint, max_attempts: 1 }),
    region: 'us-east-1',
    env: { AWS_ACCESS_KEY_ID: 'AKIAWIREEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wire-secret' },
    sleep: async () => {},
    random: () => 0,
  });
}

/** What the SDK read, cut down to the fields the answer reader promises. */
function promisedFields(instance: Ec2Instance): DescribedInstance {
  const picked: Record<string, unknown> = {};
  for (const key of ['InstanceId', 'ImageId', 'InstanceType', 'LaunchTime', 'PrivateDnsName', 'PublicDnsName', 'PrivateIpAddress', 'PublicIpAddress', 'SubnetId', 'VpcId', 'InstanceLifecycle', 'SpotInstanceRequestId', 'Tags'] as const) {
    if (instance[key] !== undefined) picked[key] = instance[key];
  }
  if (instance.State) picked['State'] = instance.State.Name === undefined ? {} : { Name: instance.State.Name };
  if (instance.Placement) picked['Placement'] = instance.Placement.AvailabilityZone === undefined ? {} : { AvailabilityZone: instance.Placement.AvailabilityZone };
  if (instance.StateReason) picked['StateReason'] = instance.StateReason.Code === undefined ? {} : { Code: instance.StateReason.Code };
  return withIsoLaunchTime(picked as DescribedInstance);
}

/** The SDK gives a launch time as a Date, the answer reader as the answer's text: compared as the instant both name. */
function withIsoLaunchTime(instance: DescribedInstance): DescribedInstance {
  return instance.LaunchTime === undefined ? instance : { ...instance, LaunchTime: new Date(instance.LaunchTime).toISOString() };
}

/** The same answer through the SDK's deserializer and through the answer reader. */
async function bothWays(answer: Answer, input: object = { InstanceIds: ['i-0123456789abcdef0'] }) {
  const client = api();
  try {
    answers.push(answer, answer);
    const bySdk = await client.send<DescribeInstancesCommandOutput>('EC2', 'DescribeInstances', input).then(
      (output) => ({ output }),
      (error: unknown) => ({ error }),
    );
    const byReader = await client.send<DescribeInstancesCommandOutput>('EC2', 'DescribeInstances', input, { readAnswer: readDescribeInstancesAnswer }).then(
      (output) => ({ output }),
      (error: unknown) => ({ error }),
    );
    return { bySdk, byReader };
  } finally {
    await client.dispose();
  }
}

describe('reading DescribeInstances answers without the SDK deserializer', () => {
  it('gives the fields the SDK gives, for reservations of full-size records with and without public addresses', async () => {
    const { bySdk, byReader } = await bothWays({ status: 200, body: answerXml([[RUNNING_WITH_PUBLIC_IP, SPOT_WITHOUT_PUBLIC_IP], [STOPPED_WITHOUT_TAGS]], 'page-2') });
    if (!('output' in bySdk) || !('output' in byReader)) throw new Error('both reads should succeed');
    const sdkInstances = (bySdk.output.Reservations ?? []).map((reservation) => (reservation.Instances ?? []).map(promisedFields));
    expect(byReader.output.Reservations?.map((reservation) => (reservation.Instances ?? []).map(withIsoLaunchTime))).toEqual(sdkInstances);
    expect(byReader.output.NextToken).toBe('page-2');
    expect(byReader.output.NextToken).toBe(bySdk.output.NextToken);
    // The SDK's metadata stays: the answer reader replaces the body only.
    expect(byReader.output.$metadata).toMatchObject({ httpStatusCode: 200 });

    const [withPublic, withoutPublic, stopped] = sdkInstances.flat();
    expect(withPublic).toMatchObject({ PublicIpAddress: '54.1.2.3', PrivateIpAddress: '10.0.19.48', Placement: { AvailabilityZone: 'us-east-1b' } });
    expect(withPublic?.Tags?.[0]).toEqual({ Key: 'Name', Value: 'worker <1> & "co" in Zürich ☺' });
    expect(withoutPublic?.PublicIpAddress).toBeUndefined();
    expect(stopped).toMatchObject({ State: { Name: 'stopped' }, StateReason: { Code: 'Client.UserInitiatedShutdown' } });
    // And so the same machines.
    expect(byReader.output.Reservations?.flatMap((reservation) => reservation.Instances ?? []).map(toInstanceV1)).toEqual(sdkInstances.flat().map(toInstanceV1));
  });

  it('reads an answer without reservations, and one without a next token', async () => {
    const { bySdk, byReader } = await bothWays({ status: 200, body: answerXml([]).replace('<reservationSet></reservationSet>', '<reservationSet/>') });
    if (!('output' in bySdk) || !('output' in byReader)) throw new Error('both reads should succeed');
    expect(byReader.output.Reservations).toEqual([]);
    expect(bySdk.output.Reservations ?? []).toEqual([]);
    expect(byReader.output.NextToken).toBeUndefined();
    expect(bySdk.output.NextToken).toBeUndefined();
  });

  it('leaves errors to the SDK: the same normalized error, code and request id either way', async () => {
    const notFound = {
      status: 400,
      body: '<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID \'i-0123456789abcdef0\' does not exist</Message></Error></Errors><RequestID>wire-request</RequestID></Response>',
    };
    const { bySdk, byReader } = await bothWays(notFound);
    if (!('error' in bySdk) || !('error' in byReader)) throw new Error('both reads should fail');
    const summary = (error: unknown) => {
      if (!ProviderSdkError.isInstance(error)) throw error;
      return { code: error.code, message: error.message, retryable: error.retryable, details: error.details };
    };
    expect(summary(byReader.error)).toEqual(summary(bySdk.error));
    expect(summary(byReader.error)).toMatchObject({ code: 'VALIDATION_ERROR', details: { awsErrorCode: 'InvalidInstanceID.NotFound' } });
  });

  it('rejects an answer cut short instead of returning the instances before the cut', async () => {
    const whole = answerXml([[RUNNING_WITH_PUBLIC_IP, SPOT_WITHOUT_PUBLIC_IP]]);
    const client = api();
    answers.push({ status: 200, body: whole.slice(0, whole.indexOf('i-0123456789abcdef1') + 5) });
    await expect(client.send('EC2', 'DescribeInstances', { InstanceIds: ['i-0123456789abcdef0'] }, { readAnswer: readDescribeInstancesAnswer })).rejects.toSatisfy(
      (error: unknown) => ProviderSdkError.isInstance(error) && /cut short|ends/.test(error.message) && error.message.includes('EC2.DescribeInstances'),
    );
    await client.dispose();
  });

  it('follows next tokens across pages and describes batches through the reader', async () => {
    const client = api();
    const scope = new AwsCallScope(client);
    answers.push(
      { status: 200, body: answerXml([[RUNNING_WITH_PUBLIC_IP]], 'token-2') },
      { status: 200, body: answerXml([[SPOT_WITHOUT_PUBLIC_IP], [STOPPED_WITHOUT_TAGS]]) },
    );
    const found = await findEc2InstancesByTag(scope, { 'ohf:request-id': 'req-1' });
    expect(found.map((instance) => instance.InstanceId)).toEqual(['i-0123456789abcdef0', 'i-0123456789abcdef1', 'i-0123456789abcdef2']);
    expect(new URLSearchParams(received[0]).get('NextToken')).toBeNull();
    expect(new URLSearchParams(received[1]).get('NextToken')).toBe('token-2');
    expect(new URLSearchParams(received[1]).get('Filter.1.Name')).toBe('tag:ohf:request-id');

    answers.push({ status: 200, body: answerXml([[SPOT_WITHOUT_PUBLIC_IP]]) });
    const [spot] = await describeEc2Instances(scope, ['i-0123456789abcdef1']);
    expect(spot && toInstanceV1(spot)).toMatchObject({ id: 'i-0123456789abcdef1', lifecycle: 'spot', publicIpAddress: null, providerMetadata: { spotInstanceRequestId: 'sir-abc123' } });
    await client.dispose();
  });
});
