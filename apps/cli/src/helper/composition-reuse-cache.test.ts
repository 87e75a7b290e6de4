import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfiguration } from '@ohf/runtime';
import { describe, expect, it } from 'vitest';
import { CompositionReuseCache } from './composition-reuse-cache.js';

function configDirectoryWith(logLevel: string): { root: string; configDirectory: string; write: (level: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'ohfp-reuse-'));
  const configDirectory = join(root, 'conf');
  mkdirSync(configDirectory);
  const write = (level: string) => writeFileSync(join(configDirectory, 'config.yaml'), `logging:\n  level: ${level}\n# ${'padding '.repeat(level.length)}\n`);
  write(logLevel);
  return { root, configDirectory, write };
}

describe('CompositionReuseCache', () => {
  it('loads a configuration once while its files and the environment stay the same, and anew when either changes', async () => {
    const { root, configDirectory, write } = configDirectoryWith('info');
    const cache = new CompositionReuseCache();
    const environment = { HF_PROVIDER_CONFDIR: configDirectory, HF_PROVIDER_WORKDIR: join(root, 'work') };
    const request = { environment, currentDirectory: root, configDirectory: undefined };
    const load = (from: typeof request) => () => loadConfiguration({ environment: from.environment, currentDirectory: from.currentDirectory });

    const first = await cache.configuration(request, load(request));
    const second = await cache.configuration(request, load(request));
    expect(cache.loads).toBe(1);
    expect(second.configuration.logging.level).toBe('info');
    // Each call has a copy of its own: a change in one is not seen by the next.
    expect(second).not.toBe(first);
    (second.configuration.logging as { level: string }).level = 'error';
    expect((await cache.configuration(request, load(request))).configuration.logging.level).toBe('info');
    expect(cache.loads).toBe(1);

    write('debug');
    expect((await cache.configuration(request, load(request))).configuration.logging.level).toBe('debug');
    expect(cache.loads).toBe(2);

    const otherEnvironment = { ...request, environment: { ...environment, HF_LOG_LEVEL: 'warn' } };
    expect((await cache.configuration(otherEnvironment, load(otherEnvironment))).configuration.logging.level).toBe('warn');
    expect(cache.loads).toBe(3);
    await cache.configuration(request, load(request));
    expect(cache.loads).toBe(3);
  });

  it('never keeps a configuration that failed to load', async () => {
    const { root, configDirectory } = configDirectoryWith('info');
    writeFileSync(join(configDirectory, 'config.yaml'), 'logging: [not, a, section]\n');
    const cache = new CompositionReuseCache();
    const request = { environment: { HF_PROVIDER_CONFDIR: configDirectory }, currentDirectory: root, configDirectory: undefined };
    const load = () => loadConfiguration({ environment: request.environment, currentDirectory: root });
    await expect(cache.configuration(request, load)).rejects.toThrow();
    await expect(cache.configuration(request, load)).rejects.toThrow();
    expect(cache.loads).toBe(2);
  });
});
