import { resolveRuntimePaths } from '@ohf/runtime';
import { describe, expect, it } from 'vitest';
import { directoriesOf } from '../src/fast-path/template-fast-path.js';

// The fast path keeps its own copy of the directory rules (importing the runtime would load zod);
// this keeps the two in step.
describe('the fast path finds the directories the runtime uses', () => {
  it.each([
    {},
    { HF_PROVIDER_CONFDIR: '/etc/hf/conf', HF_PROVIDER_WORKDIR: '/var/hf', HF_PROVIDER_LOGDIR: '/var/log/hf' },
    { HF_CONFDIR: 'conf', HF_WORKDIR: 'work' },
    { HF_PROVIDER_CONFDIR: '', HF_CONFDIR: 'old-conf', HF_LOGDIR: 'logs-old' },
  ])('%j', (environment) => {
    expect(directoriesOf(environment, '/srv/cluster')).toEqual(resolveRuntimePaths(environment, '/srv/cluster'));
  });
});
