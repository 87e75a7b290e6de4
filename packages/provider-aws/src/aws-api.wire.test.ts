import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsProvider } from './aws-provider.js';

/**
 * The real wire: the SDK's HTTP handler, SigV4 signing and XML parsing against a loopback
 * server standing in for EC2 through the `endpoint` override.
 */
type Responder = (request: { body: string; headers: IncomingMessage['headers'] }, response: ServerResponse) => void;

let server: Server;
let endpoint: string;
let responders: Responder[] = [];
const received: Array<{ body: string; authorization: string | undefined }> = [];
/** Answers the client gave up on: the connection closed before the server answered. */
let abandoned = 0;

// A server of its own for each test: on a loaded machine a late try of the test before (a
// hanging endpoint, a timed-out request) could otherwise reach the server after the next test
// began, take its answer and count as one of its requests.
beforeEach(async () => {
  responders = [];
  received.length = 0;
  abandoned = 0;
  server = createServer((request, response) => {
    response.on('close', () => {
      if (!response.writableFinished) abandoned += 1;
    });
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ body, authorization: request.headers.authorization });
      const responder = responders.shift();
      if (responder) responder({ body, headers: request.headers }, response);
      else response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const DESCRIBE_OK: Responder = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/xml' }).end(
    `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>ok-1</requestId><reservationSet><item><reservationId>r-1</reservationId><instancesSet><item><instanceId>i-0123456789abcdef0</instanceId><instanceState><code>16</code><name>running</name></instanceState><privateDnsName>ip-10-0-0-1.ec2.internal</privateDnsName><privateIpAddress>10.0.0.1</privateIpAddress><instanceType>m5.large</instanceType><instanceLifecycle>spot</instanceLifecycle><launchTime>2025-01-01T00:00:00.000Z</launchTime><tagSet><item><key>ohf:request-id</key><value>req-1</value></item></tagSet></item></instancesSet></item></reservationSet></DescribeInstancesResponse>`,
  );
};

const ec2Error = (status: number, code: string, message: string): Responder => (_request, response) => {
  response
    .writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': `wire-${code}` })
    .end(`<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>wire-${code}</RequestID></Response>`);
};

const provider = (settings: Record<string, unknown> = {}) =>
  createAwsProvider(
    { region: 'us-east-1', endpoint, max_attempts: 1, ...settings },
    { instanceName: 'aws-wire', env: { AWS_ACCESS_KEY_ID: 'AKIAWIREEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wire-secret' }, sleep: async () => {}, random: () => 0 },
  );

describe('EC2 over HTTP through the endpoint override', () => {
  it('sends a signed DescribeInstances query and maps the XML answer', async () => {
    responders.push(DESCRIBE_OK);
    const aws = provider();
    const [instance] = await aws.describeInstances(['i-0123456789abcdef0']);
    expect(received[0]?.body).toBe('Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0123456789abcdef0');
    expect(received[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAWIREEXAMPLE\/\d{8}\/us-east-1\/ec2\/aws4_request/);
    expect(instance).toMatchObject({ id: 'i-0123456789abcdef0', state: 'running', lifecycle: 'spot', hostName: 'ip-10-0-0-1.ec2.internal', tags: { 'ohf:request-id': 'req-1' } });
    await aws.dispose();
  });

  it('retries RequestLimitExceeded and keeps the secret out of errors', async () => {
    responders.push(ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.'), DESCRIBE_OK);
    const aws = provider();
    await expect(aws.describeInstances(['i-0123456789abcdef0'])).resolves.toHaveLength(1);
    expect(received).toHaveLength(2);

    responders.push(ec2Error(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials'));
    const failure = await aws.describeInstances(['i-0123456789abcdef0']).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'INVALID_CREDENTIALS', retryable: false, requestId: 'wire-AuthFailure' });
    expect(JSON.stringify(failure) + String((failure as Error).message)).not.toContain('wire-secret');
    await aws.dispose();
  });

  it('turns a request that outlives timeouts.request_ms into a retryable outage', async () => {
    // The server never answers; the handler gives up after 100 ms.
    responders.push(() => undefined);
    const aws = provider({ timeouts: { request_ms: 100 }, retry: { max_attempts: 1 } });
    await expect(aws.describeInstances(['i-0123456789abcdef0'])).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    await aws.dispose();
  });

  it('retries in one layer: a failing call makes retry.max_attempts tries in all, whatever the legacy max_attempts says', async () => {
    for (let index = 0; index < 9; index += 1) responders.push(ec2Error(503, 'Unavailable', 'The service is unavailable.'));
    const aws = provider({ max_attempts: 3, retry: { max_attempts: 2 } });
    await expect(aws.describeInstances(['i-0123456789abcdef0'])).rejects.toMatchObject({ retryable: true });
    expect(received).toHaveLength(2);
    await aws.dispose();
  });

  it('ends a call against an endpoint that never answers within retry.budget_ms, with a bounded number of tries', async () => {
    for (let index = 0; index < 30; index += 1) responders.push(() => undefined);
    const aws = provider({ max_attempts: 3, timeouts: { request_ms: 300 }, retry: { max_attempts: 10, budget_ms: 1_000 } });
    const started = performance.now();
    const failure = await aws.describeInstances(['i-0123456789abcdef0']).catch((error: unknown) => error);
    const elapsed = performance.now() - started;
    expect(failure).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    // Tries start at 0, 300, 600 and 900 ms; the last is cut to what is left of the budget.
    expect(elapsed).toBeGreaterThanOrEqual(950);
    // Margin for a loaded machine; without the budget, 10 tries × 3 SDK tries × 300 ms would take 9 s.
    expect(elapsed).toBeLessThan(2_000);
    expect(received.length).toBeGreaterThanOrEqual(3);
    expect(received.length).toBeLessThanOrEqual(4);
    await aws.dispose();
  });

  it('gives up a call that has no answer when the caller’s signal aborts: the connection is closed and nothing is retried', async () => {
    responders.push(() => undefined);
    const aws = provider({ retry: { max_attempts: 4 } });
    const controller = new AbortController();
    const failure = aws.describeInstances(['i-0123456789abcdef0'], { signal: controller.signal }).catch((error: unknown) => error);
    while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await failure).toBeInstanceOf(Error);
    while (abandoned === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(received).toHaveLength(1);
    await aws.dispose();
  });
});
