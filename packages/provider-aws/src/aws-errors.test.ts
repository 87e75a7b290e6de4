import { DescribeInstancesCommand, EC2ServiceException } from '@aws-sdk/client-ec2';
import type { ProviderSdkError } from '@ohf/provider-sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsCloud, awsError } from './test-support/index.js';
import { testProvider } from './test-support/provider-fixtures.js';
import { classifyAwsError } from './aws-errors.js';

const cloud = new FakeAwsCloud();
beforeEach(() => cloud.reset());
afterAll(() => cloud.restore());

const summary = (error: ProviderSdkError) => ({
  name: error.name,
  code: error.code,
  retryable: error.retryable,
  field: error.field,
  requestId: error.requestId,
  statusCode: error.statusCode,
  awsErrorCode: error.details['awsErrorCode'],
});

const CASES: Array<[string, string, number, 'client' | 'server']> = [
  ['InsufficientInstanceCapacity', 'We currently do not have sufficient c5.large capacity in the Availability Zone you requested (us-east-1a).', 500, 'server'],
  ['InsufficientCapacity', 'There is not enough capacity to fulfill your request.', 500, 'server'],
  ['RequestLimitExceeded', 'Request limit exceeded.', 503, 'client'],
  ['ThrottlingException', 'Rate exceeded', 400, 'client'],
  ['Throttling', 'Rate exceeded', 400, 'client'],
  ['InstanceLimitExceeded', 'You have requested more instances (21) than your current instance limit of 20 allows.', 400, 'client'],
  ['VcpuLimitExceeded', 'You have requested more vCPU capacity than your current vCPU limit of 32 allows.', 400, 'client'],
  ['MaxSpotInstanceCountExceeded', 'Max spot instance count exceeded', 400, 'client'],
  ['AuthFailure', 'AWS was not able to validate the provided access credentials', 401, 'client'],
  ['InvalidClientTokenId', 'The security token included in the request is invalid.', 403, 'client'],
  ['ExpiredToken', 'The security token included in the request is expired', 400, 'client'],
  ['UnauthorizedOperation', 'You are not authorized to perform this operation.', 403, 'client'],
  ['InvalidAMIID.Malformed', 'Invalid id: "ami-123"', 400, 'client'],
  ['InvalidSubnetID.NotFound', "The subnet ID 'subnet-1' does not exist", 400, 'client'],
  ['InvalidParameterValue', "Invalid value 'm9.huge' for InstanceType.", 400, 'client'],
  ['InvalidParameterCombination', 'The parameter iops is not supported for gp2 volumes.', 400, 'client'],
  ['InternalError', 'An internal error has occurred', 500, 'server'],
  ['Unavailable', 'The server is overloaded', 503, 'server'],
];

describe('classifyAwsError', () => {
  it.each(CASES)('%s', (name, message, status, fault) => {
    const error = classifyAwsError(awsError(name, message, { status, fault }), { operation: 'EC2.RunInstances' });
    expect(summary(error)).toMatchSnapshot();
    expect(error.message).toContain(name);
    expect(error.message).toContain('EC2.RunInstances');
  });

  it('maps credential provider failures to MISSING_CREDENTIALS without retrying', () => {
    const error = classifyAwsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), {
      operation: 'STS.GetCallerIdentity',
    });
    expect(summary(error)).toMatchObject({ code: 'MISSING_CREDENTIALS', retryable: false });
  });

  it('treats network failures and timeouts as a retryable outage', () => {
    const error = classifyAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }), {
      operation: 'EC2.DescribeInstances',
    });
    expect(summary(error)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('keeps Retry-After when the answer carries one', () => {
    const error = classifyAwsError(awsError('Throttling', 'slow down', { status: 429, retryAfterSeconds: 3 }), { operation: 'AutoScaling.CreateAutoScalingGroup' });
    expect(error.retryAfterMs).toBe(3000);
  });

  it('names the instance type and location a capacity error was about', () => {
    const error = classifyAwsError(awsError('InsufficientInstanceCapacity', 'none', { status: 500, fault: 'server' }), {
      operation: 'EC2.RunInstances',
      instanceType: 'c5.large',
      location: 'subnet-1',
    });
    expect(error.details).toMatchObject({ instanceType: 'c5.large', location: 'subnet-1' });
  });

  it('returns OHF errors unchanged', () => {
    const original = classifyAwsError(awsError('InternalError', 'x', { status: 500, fault: 'server' }), { operation: 'EC2.X' });
    expect(classifyAwsError(original, { operation: 'EC2.Y' })).toBe(original);
  });
});

describe('errors through the real EC2 client', () => {
  it('retries throttling with backoff and succeeds', async () => {
    const [id] = cloud.seed(1);
    cloud.failNextCall('rate_limit', { times: 2 });
    const provider = testProvider();
    const instances = await provider.describeInstances([id as string]);
    expect(instances.map((instance) => instance.id)).toEqual([id]);
    expect(cloud.count('DescribeInstances')).toBe(3);
  });

  it('does not retry a capacity or credentials error', async () => {
    const provider = testProvider();
    cloud.ec2.on(DescribeInstancesCommand).rejects(awsError('AuthFailure', 'bad keys', { status: 401 }));
    await expect(provider.describeInstances(['i-0123456789abcdef0'])).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', retryable: false });
    expect(cloud.ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(1);
  });

  it('gives up after retry.max_attempts and keeps the AWS request id', async () => {
    const provider = testProvider({ retry: { max_attempts: 3 } });
    cloud.ec2.on(DescribeInstancesCommand).rejects(
      new EC2ServiceException({ name: 'RequestLimitExceeded', message: 'Request limit exceeded.', $fault: 'client', $metadata: { httpStatusCode: 503, requestId: 'aws-req-42' } }),
    );
    await expect(provider.describeInstances(['i-0123456789abcdef0'])).rejects.toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      retryable: true,
      requestId: 'aws-req-42',
    });
    expect(cloud.ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(3);
  });
});
