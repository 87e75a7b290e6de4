import { randomUUID } from 'node:crypto';
import {
  HealthCheckResultV1Schema,
  ImageV1Schema,
  INSTANCE_STATES_V1,
  LocationV1Schema,
  mapInstanceState,
  ProviderCapabilitiesV1Schema,
  SizeV1Schema,
  TemplateValidationResultV1Schema,
} from '../../../index.js';
import { parse, type CheckContext } from '../conformance-support.js';

/** Identity, capabilities, health, catalog, template validation and the state map. */
export function contractChecks(context: CheckContext): void {
  const { check, expect, options, provider } = context;
  const { fixtures } = options;

  check('declares spec v1, an identity and valid capabilities', () => {
    expect(provider().specificationVersion).toBe('v1');
    expect(provider().providerId).toMatch(/\S/);
    expect(provider().instanceName).toMatch(/\S/);
    const capabilities = parse(ProviderCapabilitiesV1Schema, provider().capabilities, 'capabilities');
    if (options.capabilities) expect(capabilities).toMatchObject(options.capabilities);
  });

  check('initializes and reports health with latency', async () => {
    await provider().initialize();
    const health = parse(HealthCheckResultV1Schema, await provider().healthCheck(), 'healthCheck');
    expect(health.status).toBe('healthy');
    expect(Number.isNaN(Date.parse(health.checkedAt))).toBe(false);
  });

  check('lists locations, sizes and images in the spec shapes', async () => {
    const [locations, sizes, images] = await Promise.all([provider().listLocations(), provider().listSizes(), provider().listImages()]);
    for (const location of locations) parse(LocationV1Schema, location, 'listLocations');
    for (const size of sizes) parse(SizeV1Schema, size, 'listSizes');
    for (const image of images) parse(ImageV1Schema, image, 'listImages');
  });

  check('validates the fixture template without errors', async () => {
    const result = parse(TemplateValidationResultV1Schema, await provider().validateTemplate(fixtures.template), 'validateTemplate');
    expect(result.errors).toEqual([]);
  });

  if (fixtures.stateMap) {
    const stateMap = fixtures.stateMap;
    check('maps every native state and anything else to unknown', () => {
      const nativeStates = fixtures.nativeStates ?? Object.keys(stateMap);
      expect(nativeStates.length).toBeGreaterThan(0);
      for (const nativeState of nativeStates) {
        expect(Object.prototype.hasOwnProperty.call(stateMap, nativeState), `native state "${nativeState}" is not mapped`).toBe(true);
        expect(INSTANCE_STATES_V1).toContain(stateMap[nativeState]);
      }
      expect(mapInstanceState(stateMap, `not-a-state-${randomUUID()}`)).toBe('unknown');
      expect(mapInstanceState(stateMap, undefined)).toBe('unknown');
    });
  }
}
