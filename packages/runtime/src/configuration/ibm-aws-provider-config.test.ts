import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { loadConfiguration } from './load-configuration.js';

/** A provider configuration directory as IBM's AWS plugin leaves it, plus a credentials file. */
function ibmDirectory(files: Record<string, unknown>): { root: string; conf: string; credentials: string } {
  const root = mkdtempSync(join(tmpdir(), 'ohf-ibm-conf-'));
  const conf = join(root, 'conf');
  mkdirSync(conf);
  const credentials = join(root, 'credentials');
  writeFileSync(credentials, '[default]\naws_access_key_id=AKIAIBMEXAMPLE\naws_secret_access_key=ibm-secret\n');
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(conf, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return { root, conf, credentials };
}

async function failure(promise: Promise<unknown>): Promise<OhfError> {
  try {
    await promise;
  } catch (error) {
    if (OhfError.isInstance(error)) return error as OhfError;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

const linuxExample = (credentials: string) => ({
  ACCEPT_PROPAGATED_LOG_SETTING: 'false',
  AWS_CREDENTIAL_FILE: credentials,
  AWS_KEY_FILE: '/home/aws/',
  AWS_REGION: 'us-east-1',
  AWS_PROXY_HOST: 'proxyhost',
  AWS_PROXY_PORT: 80,
  AWS_CONNECTION_TIMEOUT_MS: 10000,
  AWS_REQUEST_RETRY_ATTEMPTS: 0,
});

describe('an IBM awsprov_config.json with no config.yaml', () => {
  it('defines an AWS provider instance with the settings of its keys and the APIs IBM templates use', async () => {
    const { root, conf, credentials } = ibmDirectory({});
    writeFileSync(join(conf, 'awsprov_config.json'), JSON.stringify({ ...linuxExample(credentials), AWS_ENDPOINT_URL: 'https://ec2.us-east-1.amazonaws.com:443', AWS_INSTANCE_PENDING_TIMEOUT_SEC: 600 }));
    const loaded = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: conf }, currentDirectory: root });
    expect(loaded.file).toBe(join(conf, 'awsprov_config.json'));
    expect(loaded.configuration.providers.default_provider_instance).toBe('aws');
    expect(loaded.configuration.providers.providers).toEqual([
      {
        name: 'aws',
        type: 'aws',
        enabled: true,
        priority: 100,
        weight: 1,
        capabilities: ['RunInstances', 'SpotFleet'],
        config: {
          region: 'us-east-1',
          endpoint: 'https://ec2.us-east-1.amazonaws.com:443',
          credentials_file: credentials,
          proxy_url: 'http://proxyhost:80',
          timeouts: { connection_ms: 10000 },
          max_attempts: 1,
          retry: { max_attempts: 1 },
          instance_pending_timeout_seconds: 600,
          handlers: { preferred_order: ['SpotFleet', 'RunInstances'], ec2_fleet: { enabled: false }, asg: { enabled: false } },
        },
      },
    ]);
    expect(loaded.warnings).toEqual([
      expect.stringMatching(/awsprov_config\.json: AWS_KEY_FILE is not used: EC2 takes the key pair named by each template's keyName/),
      expect.stringMatching(/awsprov_config\.json: ACCEPT_PROPAGATED_LOG_SETTING is not used: the log level is always HF_LOG_LEVEL/),
    ]);
  });

  it('applies IBM’s defaults for what the file leaves out, and leaves the proxy off when AWS_PROXY_HOST is empty', async () => {
    const { root, conf } = ibmDirectory({ 'awsprov_config.json': { AWS_REGION: 'eu-west-1', AWS_PROXY_HOST: '', AWS_PROXY_PORT: 80, AWS_ENDPOINT_URL: '' } });
    const loaded = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: conf }, currentDirectory: root });
    expect(loaded.configuration.providers.providers[0]?.config).toEqual({
      region: 'eu-west-1',
      instance_pending_timeout_seconds: 180,
      handlers: { preferred_order: ['SpotFleet', 'RunInstances'], ec2_fleet: { enabled: false }, asg: { enabled: false } },
    });
    expect(loaded.warnings).toEqual([]);
  });

  it('reads <HF_PROVIDER_NAME>prov_config.json first and names the instance after the provider', async () => {
    const { root, conf } = ibmDirectory({
      'awsinstprov_config.json': { AWS_REGION: 'us-west-2' },
      'awsprov_config.json': { AWS_REGION: 'us-east-1' },
    });
    const loaded = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: conf, HF_PROVIDER_NAME: 'awsinst' }, currentDirectory: root });
    expect(loaded.file).toBe(join(conf, 'awsinstprov_config.json'));
    expect(loaded.configuration.providers.providers.map(({ name, config }) => [name, config['region']])).toEqual([['awsinst', 'us-west-2']]);
    expect(loaded.configuration.providers.default_provider_instance).toBe('awsinst');
  });

  it('reports keys it does not know as warnings naming the file', async () => {
    const { root, conf } = ibmDirectory({ 'awsprov_config.json': { AWS_REGION: 'us-east-1', AWS_SPOT_FLEET_ROLE: 'x', LOG_LEVEL: 'DEBUG' } });
    const loaded = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: conf }, currentDirectory: root });
    expect(loaded.warnings).toEqual([`${join(conf, 'awsprov_config.json')}: unknown keys AWS_SPOT_FLEET_ROLE, LOG_LEVEL are ignored.`]);
  });

  it('is not read when config.yaml exists', async () => {
    const { root, conf } = ibmDirectory({ 'config.yaml': 'storage: {strategy: json}\n', 'awsprov_config.json': { AWS_REGION: 'us-east-1' } });
    const loaded = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: conf }, currentDirectory: root });
    expect(loaded.file).toBe(join(conf, 'config.yaml'));
    expect(loaded.configuration.providers.providers).toEqual([]);
  });

  it.each([
    [{ AWS_REGION: 'Mars' }, 'AWS_REGION'],
    [{ AWS_REGION: 'us-east-1', AWS_PROXY_HOST: 'proxyhost' }, 'AWS_PROXY_PORT'],
    [{ AWS_REGION: 'us-east-1', AWS_PROXY_HOST: 'proxyhost', AWS_PROXY_PORT: 'eighty' }, 'AWS_PROXY_PORT'],
    [{ AWS_REGION: 'us-east-1', AWS_CONNECTION_TIMEOUT_MS: -5 }, 'AWS_CONNECTION_TIMEOUT_MS'],
    [{ AWS_REGION: 'us-east-1', AWS_REQUEST_RETRY_ATTEMPTS: 11 }, 'AWS_REQUEST_RETRY_ATTEMPTS'],
    [{ AWS_REGION: 'us-east-1', AWS_INSTANCE_PENDING_TIMEOUT_SEC: 100 }, 'AWS_INSTANCE_PENDING_TIMEOUT_SEC'],
    [{ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'not a url' }, 'AWS_ENDPOINT_URL'],
    [{ AWS_REGION: 'us-east-1', AWS_CREDENTIAL_FILE: '/nonexistent/credentials' }, 'AWS_CREDENTIAL_FILE'],
    [{ AWS_REGION: 'us-east-1', ACCEPT_PROPAGATED_LOG_SETTING: 'maybe' }, 'ACCEPT_PROPAGATED_LOG_SETTING'],
  ])('refuses %j as a configuration error naming the file and %s', async (content, key) => {
    const { root, conf } = ibmDirectory({ 'awsprov_config.json': content });
    const error = await failure(loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: conf }, currentDirectory: root }));
    expect(error).toMatchObject({ kind: 'Configuration' });
    expect(error.message).toContain(`${join(conf, 'awsprov_config.json')}: ${key}:`);
  });

  it('refuses a file that is not a JSON object, naming it', async () => {
    const { root, conf } = ibmDirectory({ 'awsprov_config.json': '{"AWS_REGION": "us-east-1",' });
    const error = await failure(loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: conf }, currentDirectory: root }));
    expect(error.message).toMatch(/awsprov_config\.json: not valid JSON/);
    const { root: otherRoot, conf: otherConf } = ibmDirectory({ 'awsprov_config.json': '["AWS_REGION"]' });
    const shape = await failure(loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: otherConf }, currentDirectory: otherRoot }));
    expect(shape.message).toMatch(/awsprov_config\.json: expected an object of AWS_\* keys/);
  });
});
