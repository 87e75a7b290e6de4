import { describe, expect, it } from 'vitest';
import { createDefaultProviderRegistry } from './default-provider-registry.js';
import { ConfiguredProviderInstances } from './configured-provider-instances.js';
import { missingCredentialsOf } from './credential-sources.js';

describe('missingCredentialsOf', () => {
  it('says where a token was looked for and how to provide it, never the token', () => {
    expect(missingCredentialsOf('linode', {}, {})).toBe(
      'no credentials: no token (config.token, else LINODE_TOKEN) not found; export LINODE_TOKEN=<a personal access token>, or set config.token: "${LINODE_TOKEN}"',
    );
    expect(missingCredentialsOf('digitalocean', {}, {})).toMatch(/DIGITALOCEAN_TOKEN/);
    expect(missingCredentialsOf('linode', {}, { LINODE_TOKEN: 'from-the-environment' })).toBeUndefined();
    expect(missingCredentialsOf('linode', { token: 'from-the-settings' }, {})).toBeUndefined();
  });

  it('does not call the AWS chain missing when only instance metadata is left: only a call can tell', () => {
    expect(missingCredentialsOf('aws', { region: 'us-east-1' }, { HOME: '/nonexistent' })).toBeUndefined();
    expect(missingCredentialsOf('aws', { region: 'us-east-1', profile: 'absent' }, { HOME: '/nonexistent' })).toMatch(/^no credentials: profile absent not found/);
  });

  it('is answered per instance by the configured instances, for enabled ones only, from the environment of now', () => {
    const instance = { name: 'linode-main', type: 'linode', priority: 1, weight: 1, capabilities: [], config: { region: 'us-east' } };
    const environment: Record<string, string | undefined> = {};
    const instances = new ConfiguredProviderInstances({
      instances: [
        { ...instance, enabled: true },
        { ...instance, name: 'linode-off', enabled: false },
      ],
      registry: createDefaultProviderRegistry(),
      environment,
    });
    expect(instances.missingCredentialsOf('linode-main')).toMatch(/^no credentials: .*LINODE_TOKEN/);
    expect(instances.missingCredentialsOf('linode-off')).toBeUndefined();
    expect(instances.missingCredentialsOf('nope')).toBeUndefined();
    environment.LINODE_TOKEN = 'now-there';
    expect(instances.missingCredentialsOf('linode-main')).toBeUndefined();
  });
});
