import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SDK_CLIENT_LOGGER } from './sdk-client-logger.js';

/** A real EC2 client over HTTP, so the SDK's own logger middleware runs. */
const ANSWER = `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>log-1</requestId><reservationSet><item><reservationId>r-1</reservationId><instancesSet><item><instanceId>i-0123456789abcdef0</instanceId><instanceState><code>16</code><name>running</name></instanceState></item></instancesSet></item></reservationSet></DescribeInstancesResponse>`;

let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume().on('end', () => response.writeHead(200, { 'content-type': 'text/xml' }).end(ANSWER));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

async function describeWith(logger: object) {
  const client = new EC2Client({ region: 'us-east-1', endpoint, maxAttempts: 1, logger: logger as never, credentials: { accessKeyId: 'AKIALOGEXAMPLE', secretAccessKey: 'log-secret' } });
  try {
    return await client.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }));
  } finally {
    client.destroy();
  }
}

describe('the AWS SDK client logger', () => {
  it('has no info, the level at which the SDK copies every answer into a log entry', async () => {
    // With info, the SDK hands it the whole output of every call.
    const info = vi.fn();
    await describeWith({ ...SDK_CLIENT_LOGGER, info });
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ commandName: 'DescribeInstancesCommand', output: expect.objectContaining({ Reservations: expect.any(Array) }) }));

    expect('info' in SDK_CLIENT_LOGGER).toBe(false);
    const output = await describeWith(SDK_CLIENT_LOGGER);
    expect(output.Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe('i-0123456789abcdef0');
  });
});
