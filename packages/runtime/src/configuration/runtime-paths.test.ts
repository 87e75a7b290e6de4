import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRuntimePaths } from './runtime-paths.js';

/** A Host Factory tree: $HF_TOP/conf, $HF_TOP/work, $HF_TOP/log, with provider instance awsinst registered. */
function hostFactoryTree(): string {
  const top = mkdtempSync(join(tmpdir(), 'ohf-hf-top-'));
  mkdirSync(join(top, 'conf', 'providers', 'awsinst'), { recursive: true });
  return top;
}

describe('resolveRuntimePaths', () => {
  it('uses the HF_PROVIDER_* directories Symphony sets', () => {
    const top = hostFactoryTree();
    expect(
      resolveRuntimePaths(
        { HF_PROVIDER_CONFDIR: '/p/conf', HF_PROVIDER_WORKDIR: '/p/work', HF_PROVIDER_LOGDIR: '/p/log', HF_CONFDIR: join(top, 'conf'), HF_PROVIDER_NAME: 'awsinst' },
        '/srv',
      ),
    ).toEqual({ configDirectory: '/p/conf', workDirectory: '/p/work', logDirectory: '/p/log' });
  });

  it('follows hostProviders.json’s layout when only HF_CONFDIR, HF_WORKDIR, HF_LOGDIR and HF_PROVIDER_NAME are set', () => {
    const top = hostFactoryTree();
    const environment = { HF_CONFDIR: join(top, 'conf'), HF_WORKDIR: join(top, 'work'), HF_LOGDIR: join(top, 'log'), HF_PROVIDER_NAME: 'awsinst' };
    expect(resolveRuntimePaths(environment, '/srv')).toEqual({
      configDirectory: join(top, 'conf', 'providers', 'awsinst'),
      workDirectory: join(top, 'work', 'providers', 'awsinst'),
      logDirectory: join(top, 'log'),
    });
    // HF_PROVIDER_WORKDIR still wins for the work directory.
    expect(resolveRuntimePaths({ ...environment, HF_PROVIDER_WORKDIR: '/state' }, '/srv').workDirectory).toBe('/state');
  });

  it('keeps the older flat layout when the provider directory does not exist or the name could leave HF_CONFDIR', () => {
    const top = hostFactoryTree();
    const flat = { HF_CONFDIR: join(top, 'conf'), HF_WORKDIR: join(top, 'work'), HF_PROVIDER_NAME: 'gcpinst' };
    expect(resolveRuntimePaths(flat, '/srv')).toEqual({
      configDirectory: join(top, 'conf'),
      workDirectory: join(top, 'work'),
      logDirectory: join(top, 'work', 'logs'),
    });
    expect(resolveRuntimePaths({ ...flat, HF_PROVIDER_NAME: '../conf' }, '/srv').configDirectory).toBe(join(top, 'conf'));
    expect(resolveRuntimePaths({ HF_CONFDIR: join(top, 'conf') }, '/srv').configDirectory).toBe(join(top, 'conf'));
  });

  it('falls back to ./config and the current directory', () => {
    expect(resolveRuntimePaths({}, '/srv')).toEqual({ configDirectory: '/srv/config', workDirectory: '/srv', logDirectory: '/srv/logs' });
  });
});
