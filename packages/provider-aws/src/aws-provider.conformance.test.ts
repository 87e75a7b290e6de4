import { OPTIONAL_MEMBERS_V1, runProviderConformance } from '@ohf/provider-sdk/testing';
import type { ProviderTemplateV1 } from '@ohf/provider-sdk';
import { afterAll } from 'vitest';
import { FakeAwsCloud } from './test-support/index.js';
import { createAwsProvider } from './aws-provider.js';
import { EC2_INSTANCE_STATE_MAP, EC2_NATIVE_STATES } from './aws-state-map.js';

const cloud = new FakeAwsCloud();
afterAll(() => cloud.restore());

const baseTemplate: ProviderTemplateV1 = {
  templateId: 'conformance',
  imageId: 'ami-0123456789abcdef0',
  vmType: 'm5.large',
  subnetIds: ['subnet-0a1b2c3d4e5f60001'],
  securityGroupIds: ['sg-0aa11bb22cc33dd44'],
};

const createProvider = () =>
  createAwsProvider(
    { region: 'us-east-1' },
    { instanceName: 'aws-conformance', env: {}, sleep: async () => {}, random: () => 0.5, now: () => Date.parse('2025-01-01T00:00:00Z') },
  );

for (const providerApi of ['EC2Fleet', 'RunInstances'] as const) {
  runProviderConformance({
    name: `AWS ${providerApi}`,
    createProvider,
    harness: cloud,
    fixtures: {
      template: { ...baseTemplate, templateId: `conformance-${providerApi}`, providerApi, ...(providerApi === 'EC2Fleet' ? { fleetType: 'instant' as const } : {}) },
      nativeStates: EC2_NATIVE_STATES,
      stateMap: EC2_INSTANCE_STATE_MAP,
    },
    capabilities: { describeBatchSize: 1000, supportsDryRun: true },
    // AWS sells no one-click software: it has no listApps.
    optionalMembers: OPTIONAL_MEMBERS_V1.filter((member) => member !== 'listApps'),
  });
}
