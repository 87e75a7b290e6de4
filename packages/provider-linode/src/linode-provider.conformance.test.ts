import { OPTIONAL_MEMBERS_V1, runProviderConformance } from '@ohf/provider-sdk/testing';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { LINODE_INSTANCE_STATUSES } from './linode-api-schemas/linode-instance-schema.js';
import { createLinodeProvider } from './linode-provider.js';
import { LINODE_STATE_MAP } from './linode-state-map.js';
import { FakeLinodeApi } from './test-support/fake-linode-api.js';

const api = new FakeLinodeApi();
const server = setupServer(...api.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function createProvider(token: string | undefined) {
  // A virtual clock that moves when the provider waits: Retry-After and rate-limit pauses
  // are honoured without real waiting.
  let clock = Date.parse('2026-01-01T00:00:00Z');
  return createLinodeProvider(
    { ...(token === undefined ? {} : { token }), baseUrl: api.baseUrl },
    {
      instanceName: 'linode-conformance',
      env: {},
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    },
  );
}

runProviderConformance({
  name: 'Linode',
  createProvider: () => createProvider(api.token),
  createProviderWithoutCredentials: () => createProvider(undefined),
  fixtures: {
    template: {
      templateId: 'conformance',
      vmType: 'g6-standard-2',
      imageId: 'linode/debian12',
      providerOptions: { linode: { region: 'us-east', authorized_keys: ['ssh-ed25519 AAAAC3Nz conformance@ohf'] } },
    },
    nativeStates: LINODE_INSTANCE_STATUSES,
    stateMap: LINODE_STATE_MAP,
  },
  harness: api,
  capabilities: { maxInstancesPerCall: 1, describeBatchSize: 500, supportsStopStart: true, supportsDryRun: true },
  optionalMembers: OPTIONAL_MEMBERS_V1,
});
