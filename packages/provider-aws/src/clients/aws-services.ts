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

/**
 * The SDK modules are imported on first use only: together they weigh several megabytes,
 * and the CLI loads providers lazily to start fast.
 */
export function loadAwsSdkModule(service: AwsService): Promise<AwsSdkModule> {
  switch (service) {
    case 'EC2':
      return import('@aws-sdk/client-ec2') as Promise<AwsSdkModule>;
    case 'AutoScaling':
      return import('@aws-sdk/client-auto-scaling') as Promise<AwsSdkModule>;
    case 'STS':
      return import('@aws-sdk/client-sts') as Promise<AwsSdkModule>;
    case 'SSM':
      return import('@aws-sdk/client-ssm') as Promise<AwsSdkModule>;
    case 'CloudWatch':
      return import('@aws-sdk/client-cloudwatch') as Promise<AwsSdkModule>;
    case 'Pricing':
      return import('@aws-sdk/client-pricing') as Promise<AwsSdkModule>;
  }
}

export const CLIENT_CLASS_NAME: Readonly<Record<AwsService, string>> = {
  EC2: 'EC2Client',
  AutoScaling: 'AutoScalingClient',
  STS: 'STSClient',
  SSM: 'SSMClient',
  CloudWatch: 'CloudWatchClient',
  Pricing: 'PricingClient',
};
