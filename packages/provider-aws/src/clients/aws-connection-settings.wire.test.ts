import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsProviderSettingsSchema } from '../aws-settings.js';
import { createAwsProvider } from '../aws-provider.js';

/**
 * The settings an IBM awsprov_config.json needs (credentials file, proxy, pending timeout), on
 * the real wire: the SDK's HTTP handler and SigV4 signing against a loopback EC2 stand-in, and
 * a loopback CONNECT proxy in front of it.
 */
type Responder = (body: string, response: ServerResponse) => void;

let ec2: Server;
let proxy: Server;
let endpoint: string;
let proxyUrl: string;
let responders: Responder[] = [];
const received: { body: string; authorization: string | undefined }[] = [];
const tunnels: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  ec2 = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ body, authorization: request.headers.authorization });
      const responder = responders.shift();
      if (responder) responder(body, response);
      else response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => ec2.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(ec2.address() as AddressInfo).port}`;

  // A forward proxy that only tunnels (CONNECT), as corporate HTTPS proxies do.
  proxy = createServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request: IncomingMessage, client: Socket) => {
    tunnels.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  ec2.closeAllConnections();
  await Promise.all([ec2, proxy].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});
beforeEach(() => {
  responders = [];
  received.length = 0;
  tunnels.length = 0;
});

const describeAnswer = (state: string, launchTime: string): Responder => (_body, response) => {
  response.writeHead(200, { 'content-type': 'text/xml' }).end(
    `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet><item><reservationId>r-1</reservationId><instancesSet><item><instanceId>i-0123456789abcdef0</instanceId><instanceState><code>0</code><name>${state}</name></instanceState><instanceType>t3.small</instanceType><launchTime>${launchTime}</launchTime><tagSet/></item></instancesSet></item></reservationSet></DescribeInstancesResponse>`,
  );
};

const terminateAnswer: Responder = (_body, response) => {
  response.writeHead(200, { 'content-type': 'text/xml' }).end(
    `<TerminateInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>t</requestId><instancesSet><item><instanceId>i-0123456789abcdef0</instanceId><currentState><code>32</code><name>shutting-down</name></currentState><previousState><code>0</code><name>pending</name></previousState></item></instancesSet></TerminateInstancesResponse>`,
  );
};

const environmentKeys = { AWS_ACCESS_KEY_ID: 'AKIAFROMENVIRONMENT', AWS_SECRET_ACCESS_KEY: 'environment-secret' };

function credentialsFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ohf-aws-credentials-')), 'credentials');
  writeFileSync(file, '[default]\naws_access_key_id = AKIAFILEDEFAULT\naws_secret_access_key = file-default-secret\n\n[hpc]\naws_access_key_id=AKIAFILEHPC\naws_secret_access_key=file-hpc-secret\n');
  return file;
}

describe('connection settings', () => {
  it('signs with the credentials_file profile, before keys in the environment', async () => {
    const file = credentialsFile();
    for (const [profile, keyId] of [
      [undefined, 'AKIAFILEDEFAULT'],
      ['hpc', 'AKIAFILEHPC'],
    ] as const) {
      responders.push(describeAnswer('running', '2025-01-01T00:00:00.000Z'));
      const aws = createAwsProvider({ region: 'us-east-1', endpoint, max_attempts: 1, credentials_file: file, ...(profile ? { profile } : {}) }, { env: environmentKeys });
      await aws.describeInstances(['i-0123456789abcdef0']);
      expect(received.at(-1)?.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${keyId}/`));
      await aws.dispose();
    }
  });

  it('fails with MISSING_CREDENTIALS naming the file when it holds no such profile, without secrets in the message', async () => {
    const file = credentialsFile();
    const aws = createAwsProvider({ region: 'us-east-1', endpoint, max_attempts: 1, credentials_file: file, profile: 'nobody' }, { env: environmentKeys });
    const failure = (await aws.describeInstances(['i-0123456789abcdef0']).catch((error: unknown) => error)) as Error & { code: string };
    expect(failure.code).toBe('MISSING_CREDENTIALS');
    expect(failure.message).toContain(file);
    expect(failure.message).not.toMatch(/secret/);
    expect(received).toHaveLength(0);
    await aws.dispose();
  });

  it('sends every call through proxy_url (a CONNECT tunnel)', async () => {
    responders.push(describeAnswer('running', '2025-01-01T00:00:00.000Z'));
    const aws = createAwsProvider({ region: 'us-east-1', endpoint, max_attempts: 1, proxy_url: proxyUrl }, { env: environmentKeys });
    await expect(aws.describeInstances(['i-0123456789abcdef0'])).resolves.toHaveLength(1);
    expect(tunnels).toEqual([new URL(endpoint).host]);
    expect(received).toHaveLength(1);
    await aws.dispose();
  });

  it('terminates a machine pending longer than instance_pending_timeout_seconds and reports it failed', async () => {
    const launched = Date.parse('2025-01-01T00:00:00.000Z');
    const aws = createAwsProvider(
      { region: 'us-east-1', endpoint, max_attempts: 1, instance_pending_timeout_seconds: 180 },
      { env: environmentKeys, now: () => launched + 179_000 },
    );
    responders.push(describeAnswer('pending', '2025-01-01T00:00:00.000Z'));
    expect(await aws.describeInstances(['i-0123456789abcdef0'])).toEqual([expect.objectContaining({ state: 'pending' })]);
    expect(received.map((call) => call.body.split('&')[0])).toEqual(['Action=DescribeInstances']);
    await aws.dispose();

    const later = createAwsProvider(
      { region: 'us-east-1', endpoint, max_attempts: 1, instance_pending_timeout_seconds: 180 },
      { env: environmentKeys, now: () => launched + 181_000 },
    );
    received.length = 0;
    // terminateInstances first describes the machine (to find its fleet), then terminates it.
    responders.push(describeAnswer('pending', '2025-01-01T00:00:00.000Z'), describeAnswer('pending', '2025-01-01T00:00:00.000Z'), terminateAnswer);
    const [instance] = await later.describeInstances(['i-0123456789abcdef0']);
    expect(instance).toMatchObject({ id: 'i-0123456789abcdef0', state: 'failed', rawState: 'pending', providerMetadata: { failureReason: expect.stringContaining('180 s') } });
    expect(received.map((call) => call.body.split('&')[0])).toContain('Action=TerminateInstances');
    expect(received.find((call) => call.body.startsWith('Action=TerminateInstances'))?.body).toContain('InstanceId.1=i-0123456789abcdef0');
    await later.dispose();
  });

  it('refuses a proxy_url that is not an http(s) URL and an instance_pending_timeout_seconds that is not a positive whole number', () => {
    expect(AwsProviderSettingsSchema.safeParse({ proxy_url: 'socks5://proxy:1080' }).success).toBe(false);
    expect(AwsProviderSettingsSchema.safeParse({ instance_pending_timeout_seconds: 0 }).success).toBe(false);
    expect(AwsProviderSettingsSchema.safeParse({ instance_pending_timeout_seconds: 1.5 }).success).toBe(false);
    expect(AwsProviderSettingsSchema.parse({ credentials_file: '/etc/aws/credentials', proxy_url: 'http://proxy:3128' })).toMatchObject({
      credentials_file: '/etc/aws/credentials',
      proxy_url: 'http://proxy:3128',
    });
  });
});
