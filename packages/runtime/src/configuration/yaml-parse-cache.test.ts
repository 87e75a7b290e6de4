import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfiguration } from './load-configuration.js';
import { cachedYamlParse, keepYamlParse, YAML_PARSE_CACHE_FILE } from './yaml-parse-cache.js';

const yamlOf = (region: string) => `
providers:
  default_provider_instance: aws-main
  providers:
    - {name: aws-main, type: aws, capabilities: [RunInstances], config: {region: ${region}}}
`;

function workspace(configYaml: string): { root: string; conf: string; work: string; environment: Record<string, string> } {
  const root = mkdtempSync(join(tmpdir(), 'ohf-yaml-cache-'));
  const conf = join(root, 'conf');
  const work = join(root, 'work');
  mkdirSync(conf);
  mkdirSync(work);
  writeFileSync(join(conf, 'config.yaml'), configYaml);
  return { root, conf, work, environment: { HF_PROVIDER_CONFDIR: conf, HF_PROVIDER_WORKDIR: work } };
}

const regionOf = (loaded: Awaited<ReturnType<typeof loadConfiguration>>) => loaded.configuration.providers.providers[0]?.config['region'];

describe('the parse of config.yaml kept for the next process', () => {
  it('is written by a load and gives the next load the same configuration', async () => {
    const { root, work, environment } = workspace(yamlOf('us-east-1'));
    const first = await loadConfiguration({ environment, currentDirectory: root });
    expect(existsSync(join(work, YAML_PARSE_CACHE_FILE))).toBe(true);
    const second = await loadConfiguration({ environment, currentDirectory: root });
    expect(second.configuration).toEqual(first.configuration);
    expect(regionOf(second)).toBe('us-east-1');
  });

  it('is what the next load reads while config.yaml holds the same text', async () => {
    const text = yamlOf('us-east-1');
    const { root, work, environment } = workspace(text);
    // A kept parse that differs from the file's can only come from the cache.
    keepYamlParse(text, { providers: { default_provider_instance: 'aws-main', providers: [{ name: 'aws-main', type: 'aws', capabilities: ['RunInstances'], config: { region: 'eu-west-1' } }] } }, work);
    expect(regionOf(await loadConfiguration({ environment, currentDirectory: root }))).toBe('eu-west-1');
  });

  it('is not used once config.yaml changes, and is replaced', async () => {
    const { root, conf, work, environment } = workspace(yamlOf('us-east-1'));
    await loadConfiguration({ environment, currentDirectory: root });
    writeFileSync(join(conf, 'config.yaml'), yamlOf('ap-south-1'));
    expect(regionOf(await loadConfiguration({ environment, currentDirectory: root }))).toBe('ap-south-1');
    expect(cachedYamlParse(yamlOf('ap-south-1'), work)).toBeDefined();
    expect(cachedYamlParse(yamlOf('us-east-1'), work)).toBeUndefined();
  });

  it('is ignored when unreadable or of another shape, and written anew', async () => {
    const { root, work, environment } = workspace(yamlOf('us-east-1'));
    for (const garbage of ['{"version":', '{"version": 1, "value": {}}', '[]']) {
      writeFileSync(join(work, YAML_PARSE_CACHE_FILE), garbage);
      expect(regionOf(await loadConfiguration({ environment, currentDirectory: root }))).toBe('us-east-1');
      expect(cachedYamlParse(yamlOf('us-east-1'), work)).toBeDefined();
    }
  });

  it('keeps only what JSON holds exactly', () => {
    const work = mkdtempSync(join(tmpdir(), 'ohf-yaml-cache-'));
    keepYamlParse('limit: .inf', { limit: Number.POSITIVE_INFINITY }, work);
    expect(existsSync(join(work, YAML_PARSE_CACHE_FILE))).toBe(false);
    keepYamlParse('when: 2026-01-01', { when: new Date(0) }, work);
    expect(existsSync(join(work, YAML_PARSE_CACHE_FILE))).toBe(false);
    keepYamlParse('limit: 5', { limit: 5, names: ['a', null, true] }, work);
    expect(JSON.parse(readFileSync(join(work, YAML_PARSE_CACHE_FILE), 'utf8')).value).toEqual({ limit: 5, names: ['a', null, true] });
  });

  it('leaves no temporary file behind when it cannot be put in place', () => {
    const work = mkdtempSync(join(tmpdir(), 'ohf-yaml-cache-'));
    // A directory where the file goes: the rename over it fails.
    mkdirSync(join(work, YAML_PARSE_CACHE_FILE));
    keepYamlParse('limit: 5', { limit: 5 }, work);
    expect(readdirSync(work)).toEqual([YAML_PARSE_CACHE_FILE]);
  });

  it('is kept only in a work directory the environment names', async () => {
    const { root, conf } = workspace(yamlOf('us-east-1'));
    expect(regionOf(await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: conf }, currentDirectory: root }))).toBe('us-east-1');
    expect(existsSync(join(root, YAML_PARSE_CACHE_FILE))).toBe(false);
    await loadConfiguration({ environment: { HF_PROVIDER_CONFDIR: conf, HF_WORKDIR: root }, currentDirectory: root });
    expect(existsSync(join(root, YAML_PARSE_CACHE_FILE))).toBe(true);
  });

  it('is skipped without harm when the work directory does not exist yet', async () => {
    const { root, environment } = workspace(yamlOf('us-east-1'));
    const missing = join(root, 'not-yet');
    const loaded = await loadConfiguration({ environment: { ...environment, HF_PROVIDER_WORKDIR: missing }, currentDirectory: root });
    expect(regionOf(loaded)).toBe('us-east-1');
    expect(existsSync(missing)).toBe(false);
  });
});
