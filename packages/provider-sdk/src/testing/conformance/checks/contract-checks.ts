import { randomUUID } from 'node:crypto';
import {
  AppV1Schema,
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

/** The architectures a size may name: the catalog compares plans across clouds by these words. */
const ARCHITECTURES: readonly string[] = ['x86_64', 'arm64'];

/** Identity, capabilities, health, catalog, template validation and the state map. */
export function contractChecks(context: CheckContext): void {
  const { check, expect, options, provider } = context;
  const expectUniqueIds = (items: readonly { id: string }[], what: string): void => {
    const ids = items.map((item) => item.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index), `${what} lists an id twice`).toEqual([]);
  };
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

  check('lists a catalog with usable fields: unique ids, non-negative prices, known architectures', async () => {
    const [locations, sizes, images] = await Promise.all([provider().listLocations(), provider().listSizes(), provider().listImages()]);
    expectUniqueIds(sizes, 'listSizes');
    expectUniqueIds(images, 'listImages');
    expectUniqueIds(locations, 'listLocations');
    for (const size of sizes.map((value) => parse(SizeV1Schema, value, 'listSizes'))) {
      // The schema keeps prices finite and non-negative; a month costing less than an hour means swapped fields.
      if (size.hourlyPriceUsd != null && size.monthlyPriceUsd != null) {
        expect(size.monthlyPriceUsd, `size ${size.id}: monthlyPriceUsd below hourlyPriceUsd`).toBeGreaterThanOrEqual(size.hourlyPriceUsd);
      }
      if (size.architecture !== undefined) expect(ARCHITECTURES, `size ${size.id}: architecture "${size.architecture}"`).toContain(size.architecture);
      for (const location of size.locations ?? []) expect(location, `size ${size.id} names an empty location`).toMatch(/\S/);
    }
  });

  check('lists one-click apps in the spec shape (optional listApps)', async () => {
    const listApps = context.optionalMember('listApps');
    if (listApps === undefined) return;
    const apps = (await listApps()).map((app) => parse(AppV1Schema, app, 'listApps'));
    expectUniqueIds(apps, 'listApps');
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
