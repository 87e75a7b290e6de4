import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderInstanceRegistration } from '@ohf/application-cqrs';
import { createStorage, type Storage } from '@ohf/persistence';
import { ManualClock } from '@ohf/persistence/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox, keyIdOf, type SecretBox } from '../secrets/secret-box.js';
import { ConfiguredProviderInstances } from './configured-provider-instances.js';
import { createDefaultProviderRegistry } from './default-provider-registry.js';
import { PersistingProviderInstances, PROVIDER_REGISTRATIONS_KEY, ProviderRegistrationStore } from './provider-registrations.js';

/** A value as the previous release sealed it: `aes-256-gcm:v1:<iv>:<tag>:<ciphertext>`. */
function sealFirstFormat(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['aes-256-gcm:v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
}

const memory = (overrides: Partial<ProviderInstanceRegistration> = {}): ProviderInstanceRegistration => ({
  name: 'memory-reg',
  type: 'memory',
  enabled: true,
  priority: 1,
  weight: 2,
  capabilities: ['RunInstances'],
  config: { maxCapacity: 5 },
  ...overrides,
});

describe('provider registrations in storage', () => {
  let directory: string;
  let storage: Storage;
  const clock = new ManualClock();
  const key = randomBytes(32);

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ohf-registrations-'));
    storage = await createStorage({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } }, { clock });
    await storage.migrate();
  });

  afterEach(async () => {
    await storage.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** What one process (a CLI invocation, an API replica) builds over the shared storage. */
  function processWith(box: SecretBox | 'no key' = createSecretBox(key)): PersistingProviderInstances {
    const configured = new ConfiguredProviderInstances({ instances: [], registry: createDefaultProviderRegistry() });
    const store = new ProviderRegistrationStore(storage.providerInstances, storage.state, box === 'no key' ? undefined : box, clock);
    return new PersistingProviderInstances(configured, store);
  }

  it('stores a registration as the default organization’s provider instance, and every later process has it', async () => {
    await processWith().register(memory());
    const record = await storage.providerInstances.find('memory-reg');
    expect(record).toMatchObject({
      name: 'memory-reg',
      organizationId: 'default',
      type: 'memory',
      configuration: { maxCapacity: 5 },
      capabilities: ['RunInstances'],
      priority: 1,
      weight: 2,
      active: true,
      createdAt: clock.now().toISOString(),
    });
    expect(record!.sealedCredentials).toMatch(new RegExp(`^aes-256-gcm:v2:${keyIdOf(key)}:`));

    const later = processWith();
    expect(await later.list()).toEqual([
      { name: 'memory-reg', type: 'memory', enabled: true, priority: 1, weight: 2, capabilities: ['RunInstances'] },
    ]);
    expect((await later.get('memory-reg')).instanceName).toBe('memory-reg');
    expect(await later.storedRegistrations()).toEqual([{ ...memory(), organizationId: 'default' }]);
    expect(await later.ownerOf('memory-reg')).toBe('default');
  });

  it('seals the settings that hold credentials and keeps the others readable', async () => {
    const store = new ProviderRegistrationStore(storage.providerInstances, storage.state, createSecretBox(key), clock);
    const config = { token: 'linode-token-0123456789', region: 'us-east', auth: { password: 'root-pass' }, defaults: { image: 'ubuntu' } };
    await store.save({ ...memory({ type: 'linode', config }), name: 'linode-reg', organizationId: 'org-a' });
    const record = await storage.providerInstances.find('linode-reg');
    expect(record?.configuration).toEqual({ region: 'us-east', defaults: { image: 'ubuntu' } });
    expect(record?.sealedCredentials).not.toContain('linode-token');
    expect(JSON.stringify(record)).not.toContain('root-pass');
    expect(createSecretBox(key).open(record!.sealedCredentials)).toBe(JSON.stringify({ token: 'linode-token-0123456789', auth: { password: 'root-pass' } }));
    expect((await store.load()).find((each) => each.name === 'linode-reg')?.config).toEqual(config);
  });

  it('registers for an organization and refuses the name to another, leaving the owner’s instance as it was', async () => {
    const first = processWith();
    await first.register({ ...memory(), organizationId: 'org-a' } as ProviderInstanceRegistration);
    expect(await first.ownerOf('memory-reg')).toBe('org-a');

    const other = processWith();
    await expect(other.register({ ...memory({ priority: 9 }), organizationId: 'org-b' } as ProviderInstanceRegistration)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Without an owner, a different registration is the default organization's: refused too.
    await expect(other.register(memory({ priority: 9 }))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await storage.providerInstances.find('memory-reg')).toMatchObject({ organizationId: 'org-a', priority: 1 });
    expect(await other.list()).toEqual([expect.objectContaining({ name: 'memory-reg', priority: 1 })]);
  });

  it('restores a stored registration without an owner (the replicas’ sync) under its owner', async () => {
    await processWith().register({ ...memory(), organizationId: 'org-a' } as ProviderInstanceRegistration);
    const replica = processWith();
    const [stored] = await replica.storedRegistrations();
    // The sync remembers what it restores, then dispatches the registration command, which names no owner.
    expect(replica.knows(stored!)).toBe(false);
    replica.remember(stored!);
    expect(replica.knows(stored!)).toBe(true);
    const { organizationId: _owner, ...withoutOwner } = stored!;
    await replica.register(withoutOwner);
    expect(await storage.providerInstances.find('memory-reg')).toMatchObject({ organizationId: 'org-a' });
    expect(replica.knows({ ...withoutOwner, organizationId: 'org-b' } as ProviderInstanceRegistration)).toBe(false);
  });

  it('moves the registrations the previous release kept in the state key into the table once, as the default organization’s', async () => {
    const legacy = {
      registrations: [
        {
          name: 'memory-old',
          type: 'memory',
          enabled: false,
          priority: 3,
          weight: 1,
          capabilities: [],
          sealedConfig: sealFirstFormat(key, JSON.stringify({ maxCapacity: 7 })),
        },
        // A name registered again since: the table's (newer) record stays.
        { name: 'memory-reg', type: 'memory', enabled: true, priority: 8, weight: 1, capabilities: [], sealedConfig: sealFirstFormat(key, '{}') },
      ],
    };
    await storage.state.put(PROVIDER_REGISTRATIONS_KEY, legacy);
    await new ProviderRegistrationStore(storage.providerInstances, storage.state, createSecretBox(key), clock).save(memory());

    const upgraded = processWith();
    expect((await upgraded.list()).map((each) => `${each.name}:${each.priority}`)).toEqual(['memory-old:3', 'memory-reg:1']);
    expect(await storage.state.get(PROVIDER_REGISTRATIONS_KEY)).toBeUndefined();
    const moved = await storage.providerInstances.find('memory-old');
    expect(moved).toMatchObject({ organizationId: 'default', active: false, configuration: { maxCapacity: 7 } });
    expect(moved!.sealedCredentials).toMatch(/^aes-256-gcm:v2:/);
    expect((await upgraded.get('memory-old')).instanceName).toBe('memory-old');
  });

  it('seals every stored instance again under the new key after a rotation, once', async () => {
    const oldKey = randomBytes(32);
    const store = new ProviderRegistrationStore(storage.providerInstances, storage.state, createSecretBox(oldKey), clock);
    await store.save({ ...memory({ config: { maxCapacity: 5, token: 'secret-token-123' } }) });
    await store.save({ ...memory({ name: 'memory-two', config: { apiKey: 'second-secret' } }), organizationId: 'org-a' });

    const rotated = processWith(createSecretBox(key, [oldKey]));
    clock.advance(60_000);
    expect(await rotated.resealAll()).toBe(2);
    expect(await rotated.resealAll()).toBe(0);
    for (const record of await storage.providerInstances.list()) {
      expect(record.sealedCredentials).toMatch(new RegExp(`^aes-256-gcm:v2:${keyIdOf(key)}:`));
      expect(record.updatedAt).toBe(clock.now().toISOString());
    }
    // The old key can go now.
    const loaded = await new ProviderRegistrationStore(storage.providerInstances, storage.state, createSecretBox(key), clock).load();
    expect(loaded.map((each) => [each.name, each.organizationId, each.config])).toEqual([
      ['memory-reg', 'default', { maxCapacity: 5, token: 'secret-token-123' }],
      ['memory-two', 'org-a', { apiKey: 'second-secret' }],
    ]);
  });

  it('refuses to register without a key, and lists the configured instances when stored ones cannot be opened', async () => {
    await expect(processWith('no key').register(memory())).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('OHF_ENCRYPTION_KEY') });
    expect(await storage.providerInstances.list()).toEqual([]);
    await processWith().register(memory());
    expect(await processWith('no key').list()).toEqual([]);
    expect(await processWith(createSecretBox(randomBytes(32))).list()).toEqual([]);
  });
});
