import { OHF_TAG_KEYS, type CreateInstancesRequestV1, type ProviderTemplateV1 } from '@ohf/provider-sdk';

export const TEST_TOKEN = 'dop_v1_fake_token_for_tests';

export const webTemplate: ProviderTemplateV1 = {
  templateId: 'web_workers',
  userData: '#cloud-config\nruncmd:\n  - echo ready\n',
  instanceTags: { team: 'batch' },
  providerOptions: {
    digitalocean: {
      region: 'nyc3',
      size: 's-1vcpu-1gb',
      image: 'ubuntu-24-04-x64',
      ssh_keys: [289794, '3b:16:e4:bf:8b:00:8b:b8:59:8c:a9:d3:f0:19:fa:45'],
      vpc_uuid: '760e09ef-dc84-11e8-981e-3cfdfeaae000',
      monitoring: true,
    },
  },
};

export function createRequest(count: number, overrides: Partial<CreateInstancesRequestV1> = {}): CreateInstancesRequestV1 {
  const requestId = overrides.requestId ?? 'req-0f8e2c1a-5b7d-4c3e-9a1f-2d6b8e4c7a90';
  return {
    requestId,
    template: webTemplate,
    count,
    idempotencyKey: requestId,
    tags: {
      [OHF_TAG_KEYS.requestId]: requestId,
      [OHF_TAG_KEYS.templateId]: 'web_workers',
      [OHF_TAG_KEYS.providerInstance]: 'do-main',
    },
    ...overrides,
  };
}
