import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { loadConfiguration } from './load-configuration.js';

const exampleYaml = `
providers:
  selection_policy: WEIGHTED_ROUND_ROBIN
  default_provider_instance: aws-us-east-1
  fallback: [linode-main]
  providers:
    - name: aws-us-east-1
      type: aws
      weight: 10
      capabilities: [EC2Fleet, RunInstances]
      config: {region: us-east-1}
    - name: linode-main
      type: linode
      config: {token: "\${LINODE_TOKEN}", region: "\${LINODE_REGION:-us-east}"}
storage:
  strategy: sqlite
  sqlite: {path: ./data/ohf.db}
`;

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ohf-config-'));
  mkdirSync(join(root, 'conf'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'conf', name), text);
  return root;
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

describe('loadConfiguration', () => {
  it('reads config.yaml from HF_PROVIDER_CONFDIR, expands ${ENV} and resolves storage in the work dir', async () => {
    const root = workspace({ 'config.yaml': exampleYaml });
    const loaded = await loadConfiguration({
      environment: { HF_PROVIDER_CONFDIR: join(root, 'conf'), HF_PROVIDER_WORKDIR: join(root, 'work'), LINODE_TOKEN: 'secret' },
      currentDirectory: root,
    });
    expect(loaded.file).toBe(join(root, 'conf', 'config.yaml'));
    expect(loaded.configuration.providers.providers[1]).toMatchObject({
      name: 'linode-main',
      enabled: true,
      weight: 1,
      config: { token: 'secret', region: 'us-east' },
    });
    expect(loaded.configuration.storage.sqlite.path).toBe(join(root, "work", "data", "ohf.db"));
    expect(loaded.paths.logDirectory).toBe(join(root, 'work', 'logs'));
  });

  it('drops a setting whose variable is unset so the provider default (and its error) applies', async () => {
    const root = workspace({ 'config.yaml': exampleYaml });
    const loaded = await loadConfiguration({ environment: { HF_CONFDIR: join(root, 'conf') }, currentDirectory: root });
    expect(loaded.configuration.providers.providers[1]?.config).toEqual({ region: 'us-east' });
  });

  it('applies HF_<SECTION>__<KEY> overrides over the file, JSON-typed, and HF_LOG_LEVEL', async () => {
    const root = workspace({ 'config.json': JSON.stringify({ storage: { strategy: 'sqlite' } }) });
    const loaded = await loadConfiguration({
      environment: {
        HF_PROVIDER_CONFDIR: join(root, 'conf'),
        HF_STORAGE__STRATEGY: 'json',
        HF_PROVIDERS__CIRCUIT_BREAKER__FAILURE_THRESHOLD: '9',
        HF_LOG_LEVEL: 'DEBUG',
        HF_PROVIDER_NAME: 'ignored-not-a-section',
      },
      currentDirectory: root,
    });
    expect(loaded.configuration.storage.strategy).toBe('json');
    expect(loaded.configuration.providers.circuit_breaker.failure_threshold).toBe(9);
    expect(loaded.configuration.logging.level).toBe('debug');
    expect(loaded.overrides.map((override) => override.path)).toEqual(['storage.strategy', 'providers.circuit_breaker.failure_threshold']);
  });

  it.each([
    ['LOG_EMERG', 'fatal'],
    ['LOG_ALERT', 'fatal'],
    ['LOG_CRIT', 'fatal'],
    ['LOG_ERR', 'error'],
    ['LOG_WARNING', 'warn'],
    ['LOG_NOTICE', 'info'],
    ['LOG_INFO', 'info'],
    ['LOG_DEBUG', 'debug'],
    ['LOG_TRACE', 'trace'],
    ['warning', 'warn'],
    ['Error', 'error'],
  ])('takes Symphony’s log level %s as %s', async (symphonyLevel, level) => {
    const root = workspace({});
    const loaded = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: join(root, 'conf'), HF_LOG_LEVEL: symphonyLevel }, currentDirectory: root });
    expect(loaded.configuration.logging.level).toBe(level);
  });

  it('reads HF_LOGLEVEL (hostfactoryconf.json’s name) when HF_LOG_LEVEL is unset, and logging.level in Symphony’s words', async () => {
    const root = workspace({ 'config.yaml': 'logging: {level: LOG_WARNING}\n' });
    const fromFile = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: join(root, 'conf') }, currentDirectory: root });
    expect(fromFile.configuration.logging.level).toBe('warn');
    const fromEnvironment = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: join(root, 'conf'), HF_LOGLEVEL: 'LOG_DEBUG' }, currentDirectory: root });
    expect(fromEnvironment.configuration.logging.level).toBe('debug');
    const both = await loadConfiguration({
      environment: { HF_PROVIDER_CONFDIR: join(root, 'conf'), HF_LOG_LEVEL: 'LOG_ERR', HF_LOGLEVEL: 'LOG_DEBUG' },
      currentDirectory: root,
    });
    expect(both.configuration.logging.level).toBe('error');
  });

  it('refuses an unknown log level as a configuration error naming the variable and the accepted values', async () => {
    const root = workspace({});
    const error = await failure(loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: join(root, 'conf'), HF_LOGLEVEL: 'LOUD' }, currentDirectory: root }));
    expect(error).toMatchObject({ kind: 'Configuration', code: 'VALIDATION_ERROR' });
    expect(error.message).toContain('HF_LOGLEVEL');
    expect(error.message).toContain('"LOUD"');
    expect(error.message).toContain('LOG_DEBUG');
  });

  it('uses defaults when no file exists', async () => {
    const root = workspace({});
    const loaded = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: join(root, 'conf') }, currentDirectory: root });
    expect(loaded.file).toBeUndefined();
    expect(loaded.configuration.storage.strategy).toBe('sqlite');
    expect(loaded.configuration.providers.selection_policy).toBe('WEIGHTED_ROUND_ROBIN');
  });

  it('reads the LOWEST_COST policy and a price limit among the selection criteria', async () => {
    const root = workspace({ 'config.yaml': 'providers:\n  selection_policy: LOWEST_COST\n  selection_criteria: {max_price_hourly: 0.25}\n' });
    const loaded = await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: join(root, 'conf') }, currentDirectory: root });
    expect(loaded.configuration.providers.selection_policy).toBe('LOWEST_COST');
    expect(loaded.configuration.providers.selection_criteria).toEqual({ max_price_hourly: 0.25 });
  });

  it('names the file, the path and the problem of an invalid configuration', async () => {
    const root = workspace({ 'config.yaml': 'providers:\n  selection_policy: FASTEST\n' });
    const error = await failure(loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: join(root, 'conf') }, currentDirectory: root }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toContain(join(root, 'conf', 'config.yaml'));
    expect(error.message).toContain('providers.selection_policy');
  });

  it('rejects references to provider instances that do not exist, listing the known ones', async () => {
    const root = workspace({
      'config.json': JSON.stringify({ providers: { fallback: ['nowhere'], providers: [{ name: 'a', type: 'aws' }] } }),
    });
    const error = await failure(loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: join(root, 'conf') }, currentDirectory: root }));
    expect(error.message).toContain('providers.fallback.0: "nowhere" is not a configured provider instance');
    expect(error.details).toMatchObject({ available_providers: ['a'] });
  });

  it('reports malformed YAML with the file name', async () => {
    const root = workspace({ 'config.yaml': 'providers: [unclosed' });
    const error = await failure(loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: join(root, 'conf') }, currentDirectory: root }));
    expect(error.message).toMatch(/config\.yaml: not valid YAML/);
  });
});
