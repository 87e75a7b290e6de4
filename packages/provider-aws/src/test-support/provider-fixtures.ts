import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import type { CreateInstancesRequestV1, ProviderTemplateV1 } from '@ohf/provider-sdk';
import { createAwsProvider } from '../aws-provider.js';
import type { AwsComputeProvider } from '../aws-provider.js';
import type { AwsProviderSettingsInput } from '../aws-settings.js';

export const FIXED_NOW = Date.parse('2025-01-01T00:00:00Z');

export function testProvider(settings: Partial<AwsProviderSettingsInput> = {}, instanceName = 'aws-us-east-1'): AwsComputeProvider {
  return createAwsProvider(
    { region: 'us-east-1', ...settings },
    { instanceName, env: {}, sleep: async () => {}, random: () => 0.5, now: () => FIXED_NOW },
  );
}

export const SUBNETS = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];

export function template(overrides: Partial<ProviderTemplateV1> = {}): ProviderTemplateV1 {
  return {
    templateId: 'workers',
    imageId: 'ami-0123456789abcdef0',
    vmType: 'm5.large',
    subnetIds: [SUBNETS[0] as string],
    securityGroupIds: ['sg-0aa11bb22cc33dd44'],
    keyName: 'hpc-key',
    instanceTags: { team: 'hpc' },
    ...overrides,
  };
}

export function createRequest(
  templateValue: ProviderTemplateV1,
  count: number,
  requestId = 'req-00000000-0000-4000-8000-000000000001',
  attempt = 1,
): CreateInstancesRequestV1 {
  return {
    requestId,
    template: templateValue,
    count,
    idempotencyKey: requestId,
    attempt,
    tags: {
      [OHF_TAG_KEYS.requestId]: requestId,
      [OHF_TAG_KEYS.templateId]: templateValue.templateId,
      [OHF_TAG_KEYS.providerInstance]: 'aws-us-east-1',
    },
  };
}

/** The inputs the fake received for one operation, in order. */
export function inputsOf(stub: { commandCalls(command: never): Array<{ args: [{ input: unknown }] }> }, command: unknown): unknown[] {
  return stub.commandCalls(command as never).map((call) => call.args[0].input);
}
