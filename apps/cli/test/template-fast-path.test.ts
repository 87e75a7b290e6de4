import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIGURATION_FILE_NAMES, ibmConfigFileNames, resolveRuntimePaths } from '@ohf/runtime';
import { describe, expect, it } from 'vitest';
import { availableNumberOf } from '@ohf/domain-core';
import { configurationFileNames, directoriesOf } from '../src/fast-path/template-fast-path.js';
import { availableNumber } from '../src/fast-path/template-usage.js';

// The fast path keeps its own copy of the directory rules (importing the runtime would load zod);
// this keeps the two in step.
const top = mkdtempSync(join(tmpdir(), 'ohf-hf-top-'));
mkdirSync(join(top, 'conf', 'providers', 'awsinst'), { recursive: true });

describe('the fast path finds the directories the runtime uses', () => {
  it.each([
    {},
    { HF_PROVIDER_CONFDIR: '/etc/hf/conf', HF_PROVIDER_WORKDIR: '/var/hf', HF_PROVIDER_LOGDIR: '/var/log/hf' },
    { HF_CONFDIR: 'conf', HF_WORKDIR: 'work' },
    { HF_PROVIDER_CONFDIR: '', HF_CONFDIR: 'old-conf', HF_LOGDIR: 'logs-old' },
    { HF_CONFDIR: join(top, 'conf'), HF_WORKDIR: join(top, 'work'), HF_LOGDIR: join(top, 'log'), HF_PROVIDER_NAME: 'awsinst' },
    { HF_CONFDIR: join(top, 'conf'), HF_WORKDIR: join(top, 'work'), HF_PROVIDER_NAME: 'awsinst', HF_PROVIDER_WORKDIR: 'state' },
    { HF_CONFDIR: join(top, 'conf'), HF_PROVIDER_NAME: 'awsinst' },
    { HF_CONFDIR: join(top, 'conf'), HF_WORKDIR: join(top, 'work'), HF_PROVIDER_NAME: 'gcpinst' },
    { HF_CONFDIR: join(top, 'conf'), HF_PROVIDER_NAME: '..' },
    { HF_PROVIDER_CONFDIR: join(top, 'other'), HF_CONFDIR: join(top, 'conf'), HF_WORKDIR: join(top, 'work'), HF_PROVIDER_NAME: 'awsinst' },
  ])('%j', (environment) => {
    expect(directoriesOf(environment, '/srv/cluster')).toEqual(resolveRuntimePaths(environment, '/srv/cluster'));
  });
});

describe('the fast path watches every file the runtime may read its configuration from', () => {
  it.each([{}, { HF_PROVIDER_NAME: 'awsinst' }, { HF_PROVIDER_NAME: 'aws' }, { HF_PROVIDER_NAME: '../x' }, { HF_PROVIDER_NAME: '' }])('%j', (environment) => {
    expect(configurationFileNames(environment)).toEqual([...CONFIGURATION_FILE_NAMES, ...ibmConfigFileNames(environment.HF_PROVIDER_NAME || undefined)]);
  });
});

describe("the fast path's availableNumber is the domain's", () => {
  it.each([
    [-1, 0],
    [-1, 40],
    [10, 0],
    [10, 4],
    [10, 10],
    [10, 13],
    [0, 0],
  ])('maxNumber %i with %i in use', (maxNumber, inUse) => {
    expect(availableNumber(maxNumber, inUse)).toBe(availableNumberOf({ maxNumber }, inUse));
  });
});
