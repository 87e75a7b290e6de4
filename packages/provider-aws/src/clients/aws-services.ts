import { createRequire } from 'node:module';
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';

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
