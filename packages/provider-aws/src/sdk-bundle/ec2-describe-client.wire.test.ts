import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fullSdk from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnswerWith } from '../clients/answer-reader.js';
import { readDescribeInstancesAnswer } from '../instances/describe-instances-answer.js';
import { buildEc2DescribeClient, pruneSchemaModule } from './build-ec2-describe-client.js';

/**
 * The describe-only client as the build makes it, against the whole SDK module: the same wire
 * answers (a page, an error) through each must come out the same.
 */
const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ANSWER = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><reservationSet><item><reservationId>r-0</reservationId><instancesSet>
<item><instanceId>i-0123456789abcdef0</instanceId><instanceState><code>16</code><name>running</name></instanceState><privateDnsName>ip-10-0-0-1.ec2.internal</privateDnsName><dnsName/>
<instanceType>m5.large</instanceType><launchTime>2026-01-02T03:04:05.000Z</launchTime><placement><availabilityZone>us-east-1a</availabilityZone></placement><privateIpAddress>10.0.0.1</privateIpAddress>
<groupSet><item><groupId>sg-1</groupId><groupName>hpc</groupName></item></groupSet><tagSet><item><key>Name</key><value>n&amp;1</value></item></tagSet><ebsOptimized>true</ebsOptimized><amiLaunchIndex>3</amiLaunchIndex>
<networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId><privateIpAddressesSet><item><privateIpAddress>10.0.0.1</privateIpAddress><primary>true</primary></item></privateIpAddressesSet></item></networkInterfaceSet></item>
<item><instanceId>i-0123456789abcdef1</instanceId><instanceState><code>80</code><name>stopped</name></instanceState><stateReason><code>Client.UserInitiatedShutdown</code><message>m</message></stateReason><ipAddress>54.1.2.3</ipAddress><instanceLifecycle>spot</instanceLifecycle></item>
</instancesSet></item></reservationSet><nextToken>next-1</nextToken></DescribeInstancesResponse>`;
const ERROR = `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>req-e</RequestID></Response>`;

let server: Server;
let endpoint: string;
let outputDirectory: string;
let describeOnly: typeof fullSdk;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const failing = new URLSearchParams(body).get('InstanceId.1') === 'i-0fffffffffffffff0';
      response.writeHead(failing ? 403 : 200, { 'content-type': 'text/xml', 'x-amzn-requestid': failing ? 'req-e' : 'req-ok' }).end(failing ? ERROR : ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  outputDirectory = mkdtempSync(join(tmpdir(), 'ohf-ec2-describe-client-'));
  const outfile = join(outputDirectory, 'ec2-describe-client.cjs');
  await buildEc2DescribeClient({ packageDirectory, outfile });
  describeOnly = createRequire(import.meta.url)(outfile) as typeof fullSdk;
}, 120_000);
afterAll(() => {
  rmSync(outputDirectory, { recursive: true, force: true });
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

async function describeWith(sdk: typeof fullSdk, instanceId: string, reader: boolean) {
  const client = new sdk.EC2Client({ region: 'us-east-1', endpoint, maxAttempts: 1, credentials: { accessKeyId: 'AKIAWIREEXAMPLE', secretAccessKey: 'wire-secret' } });
  try {
    const command = new sdk.DescribeInstancesCommand({ InstanceIds: [instanceId] });
    if (reader) readAnswerWith(command as unknown as Parameters<typeof readAnswerWith>[0], readDescribeInstancesAnswer);
    const output = await client.send(command);
    const { $metadata, ...rest } = output;
    return { output: rest, status: $metadata.httpStatusCode };
  } catch (error) {
    const { name, message, $fault, $metadata } = error as fullSdk.EC2ServiceException;
    return { error: { name, message, $fault, status: $metadata?.httpStatusCode, requestId: $metadata?.requestId } };
  } finally {
    client.destroy();
  }
}

describe('the describe-only EC2 client', () => {
  it('is a fraction of the whole EC2 module', () => {
    const built = statSync(join(outputDirectory, 'ec2-describe-client.cjs')).size;
    const whole = statSync(createRequire(import.meta.url).resolve('@aws-sdk/client-ec2')).size;
    expect(built).toBeLessThan(whole / 2);
    expect(Object.keys(describeOnly).sort()).toEqual(['DescribeInstancesCommand', 'EC2Client']);
  });

  it('reads a DescribeInstances answer exactly as the whole module does, with the SDK deserializer or the answer reader', async () => {
    for (const reader of [false, true]) {
      const whole = await describeWith(fullSdk, 'i-0123456789abcdef0', reader);
      const small = await describeWith(describeOnly, 'i-0123456789abcdef0', reader);
      expect(small).toEqual(whole);
      expect(small.output?.Reservations?.[0]?.Instances?.map((instance) => instance.InstanceId)).toEqual(['i-0123456789abcdef0', 'i-0123456789abcdef1']);
    }
  });

  it('gives the same error, name, fault and request id, as the whole module', async () => {
    const whole = await describeWith(fullSdk, 'i-0fffffffffffffff0', true);
    const small = await describeWith(describeOnly, 'i-0fffffffffffffff0', true);
    expect(small).toEqual(whole);
    expect(small.error).toMatchObject({ name: 'UnauthorizedOperation', status: 403, requestId: 'req-e' });
  });
});

describe('pruneSchemaModule', () => {
  const source = [
    'import { TypeRegistry } from "@smithy/core/schema";',
    'const _A = "A"; const _B = "B"; const _C = "C";',
    'const registry = new TypeRegistry(_A);',
    'export var Leaf$ = [3, "n", _B, 0, [], []];',
    'export var Root$ = [3, "n", _A, 0, [_B], [() => Leaf$]];',
    'export var Unused$ = [3, "n", _C, 0, [], []];',
    'export const errorTypeRegistries = [registry];',
  ].join('\n');

  it('keeps what the roots reach and every statement that is not a declaration', () => {
    const pruned = pruneSchemaModule(source, ['Root$', 'errorTypeRegistries']);
    expect(pruned).toContain('Root$');
    expect(pruned).toContain('Leaf$');
    expect(pruned).toContain('import { TypeRegistry }');
    expect(pruned).toContain('const registry');
    expect(pruned).not.toContain('Unused$');
  });

  it('fails the build when a root is no longer declared', () => {
    expect(() => pruneSchemaModule(source, ['Gone$'])).toThrow(/no longer declares Gone\$/);
  });
});
