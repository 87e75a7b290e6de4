import { OPTIONAL_MEMBERS_V1, runProviderConformance } from '@ohf/provider-sdk/testing';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { createDigitalOceanProvider } from './digitalocean-provider.js';
import { DROPLET_STATE_MAP, DROPLET_STATUSES } from './digitalocean-state-map.js';
import { FakeDigitalOceanCloud } from './test-support/fake-digitalocean-cloud.js';
import { TEST_TOKEN, webTemplate } from './test-support/fixtures.js';
import { TestClock } from './test-support/test-clock.js';

// The kit drives the provider against the msw-served fake DigitalOcean API.
const cloud = new FakeDigitalOceanCloud({ token: TEST_TOKEN });
const server = setupServer(...cloud.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function createProvider(settings: { token?: string }) {
  const clock = new TestClock();
  return createDigitalOceanProvider(settings, { instanceName: 'do-conformance', now: clock.now, sleep: clock.sleep, random: () => 0.5, env: {} });
}

runProviderConformance({
  name: 'DigitalOcean',
  createProvider: () => createProvider({ token: TEST_TOKEN }),
  createProviderWithoutCredentials: () => createProvider({}),
  harness: cloud,
  fixtures: { template: webTemplate, nativeStates: DROPLET_STATUSES, stateMap: DROPLET_STATE_MAP },
  capabilities: { maxInstancesPerCall: 10, describeBatchSize: 200, supportsDryRun: true },
  optionalMembers: OPTIONAL_MEMBERS_V1,
});
