import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { z } from 'zod';
import { DESCRIBE_ONLY_EC2_OPERATIONS, EC2_DESCRIBE_CLIENT_FILE } from '../sdk-bundle/ec2-describe-client-contents.js';

/** The AWS services this provider calls, by the name planned calls report. */
export const AWS_SERVICES = ['EC2', 'AutoScaling', 'STS', 'SSM', 'CloudWatch', 'Pricing'] as const;
export type AwsService = (typeof AWS_SERVICES)[number];

export interface AwsClientByService {
  EC2: EC2Client;
  AutoScaling: AutoScalingClient;
  STS: STSClient;
  SSM: SSMClient;
  CloudWatch: CloudWatchClient;
  Pricing: PricingClient;
}

/** A module of the AWS SDK v3: its client class and its `<Operation>Command` classes. */
export type AwsSdkModule = Record<string, unknown>;

const requireSdk = createRequire(import.meta.url);

/**
 * The SDK modules are loaded on first use only: together they weigh several megabytes, and the
 * CLI loads providers lazily to start fast. Each is one large CommonJS file: `require` compiles
 * it once, where `import()` would first scan all of it to detect its format and lex its exports
 * (a third of a status poll's CPU). Both share Node's module cache, so a module imported
 * elsewhere (aws-sdk-client-mock's stubs) is the very one used here.
 */
export function loadAwsSdkModule(service: AwsService): Promise<AwsSdkModule> {
  try {
    return Promise.resolve(requireSdk(SDK_PACKAGE[service]) as AwsSdkModule);
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

const DESCRIBE_ONLY_OPERATIONS: ReadonlySet<string> = new Set(DESCRIBE_ONLY_EC2_OPERATIONS);
/** `OHF_AWS_DESCRIBE_CLIENT=off` loads the whole EC2 module for every call (a comparison, or a way out). */
const DescribeClientSwitchSchema = z.enum(['on', 'off']).catch('on');

/**
 * The describe-only EC2 client built beside this package (`EC2Client` and the commands a status
 * poll sends, ~800 KB instead of ~2.1 MB plus the aggregated client: a third of the CPU and half
 * the memory to load), when `operation` is one of its commands; undefined otherwise, and
 * whenever the whole EC2 module is loaded already (it then costs nothing more, and stubs such as
 * aws-sdk-client-mock's replace that module's client) or the file is absent (sources run
 * before a build).
 */
export function loadDescribeOnlyEc2Module(operation: string): AwsSdkModule | undefined {
  if (!DESCRIBE_ONLY_OPERATIONS.has(operation) || DescribeClientSwitchSchema.parse(process.env['OHF_AWS_DESCRIBE_CLIENT']) === 'off') return undefined;
  try {
    if (requireSdk.cache[requireSdk.resolve(SDK_PACKAGE.EC2)] !== undefined) return undefined;
    const file = join(dirname(requireSdk.resolve('@ohf/provider-aws/package.json')), EC2_DESCRIBE_CLIENT_FILE);
    return existsSync(file) ? (requireSdk(file) as AwsSdkModule) : undefined;
  } catch {
    return undefined;
  }
}

const SDK_PACKAGE: Readonly<Record<AwsService, string>> = {
  EC2: '@aws-sdk/client-ec2',
  AutoScaling: '@aws-sdk/client-auto-scaling',
  STS: '@aws-sdk/client-sts',
  SSM: '@aws-sdk/client-ssm',
  CloudWatch: '@aws-sdk/client-cloudwatch',
  Pricing: '@aws-sdk/client-pricing',
};

export const CLIENT_CLASS_NAME: Readonly<Record<AwsService, string>> = {
  EC2: 'EC2Client',
  AutoScaling: 'AutoScalingClient',
  STS: 'STSClient',
  SSM: 'SSMClient',
  CloudWatch: 'CloudWatchClient',
  Pricing: 'PricingClient',
};
