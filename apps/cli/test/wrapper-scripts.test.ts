import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_ROOT, runOhfp } from './cli-harness.js';

const OPERATIONS = ['getAvailableTemplates', 'requestMachines', 'requestReturnMachines', 'getRequestStatus', 'getReturnRequests'] as const;

/** A Symphony tree with one wrapper copied alone into providerplugins/ohfp/scripts/, and a bin directory for PATH. */
function pluginTree(operation: string): { script: string; bin: string } {
  const top = mkdtempSync(join(tmpdir(), 'ohf-plugin-'));
  const scripts = join(top, 'providerplugins', 'ohfp', 'scripts');
  const bin = join(top, 'bin');
  mkdirSync(scripts, { recursive: true });
  mkdirSync(bin);
  const script = join(scripts, `${operation}.sh`);
  copyFileSync(join(CLI_ROOT, 'scripts', `${operation}.sh`), script);
  chmodSync(script, 0o755);
  return { script, bin };
}

/** An `ohfp` stand-in that answers with the arguments it was given and the name it was called by. */
function fakeOhfp(directory: string, name = 'ohfp'): string {
  const path = join(directory, name);
  writeFileSync(path, `#!/bin/sh\nprintf '{"by":"%s","args":"%s"}\\n' "${name}" "$*"\n`);
  chmodSync(path, 0o755);
  return path;
}

// Only what a shell needs: no node, no ohfp, unless a test puts one there.
const SYSTEM_PATH = '/usr/bin:/bin';

describe('a wrapper copied alone into providerplugins/<name>/scripts/', () => {
  it.each(OPERATIONS)('%s.sh runs the ohfp found on PATH (a global npm install)', async (operation) => {
    const { script, bin } = pluginTree(operation);
    fakeOhfp(bin);
    const run = await runOhfp(['-f', '/tmp/hf_in'], { PATH: `${bin}:${SYSTEM_PATH}` }, [script]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json()).toEqual({ by: 'ohfp', args: `${operation} -f /tmp/hf_in` });
  });

  it('prefers OHFP_BIN over PATH', async () => {
    const { script, bin } = pluginTree('requestMachines');
    fakeOhfp(bin);
    const chosen = fakeOhfp(mkdtempSync(join(tmpdir(), 'ohf-chosen-')), 'ohfp-chosen');
    const run = await runOhfp(['-f', '/tmp/hf_in'], { PATH: `${bin}:${SYSTEM_PATH}`, OHFP_BIN: chosen }, [script]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json()).toEqual({ by: 'ohfp-chosen', args: 'requestMachines -f /tmp/hf_in' });
  });

  it.each(OPERATIONS)('%s.sh says clearly when no ohfp exists: stderr, a {"message"} on stdout, non-zero exit', async (operation) => {
    const { script } = pluginTree(operation);
    const run = await runOhfp(['-f', '/tmp/hf_in'], { PATH: SYSTEM_PATH }, [script]);
    expect(run.exitCode).toBe(127);
    expect(run.stderr).toMatch(/ohfp not found/);
    expect(run.stderr).toMatch(/OHFP_BIN/);
    expect(run.json<{ message: string }>().message).toMatch(/^ohfp not found: .*OHFP_BIN.*npm install -g @ohf\/cli/);
  });

  it('takes OHFP_BIN as a command name on PATH too', async () => {
    const { script, bin } = pluginTree('getReturnRequests');
    fakeOhfp(bin, 'ohfp-2');
    const run = await runOhfp(['-f', '/tmp/hf_in'], { PATH: `${bin}:${SYSTEM_PATH}`, OHFP_BIN: 'ohfp-2' }, [script]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json()).toEqual({ by: 'ohfp-2', args: 'getReturnRequests -f /tmp/hf_in' });
  });

  it.each(OPERATIONS)('%s.sh has calls reach a resident helper, started by the first (OHF_HELPER=auto), unless the environment sets OHF_HELPER', async (operation) => {
    const { script, bin } = pluginTree(operation);
    writeFileSync(join(bin, 'ohfp'), `#!/bin/sh\nprintf '{"helper":"%s"}\\n' "$OHF_HELPER"\n`);
    chmodSync(join(bin, 'ohfp'), 0o755);
    for (const [given, seen] of [
      [undefined, 'auto'],
      ['', 'auto'],
      ['off', 'off'],
      ['on', 'on'],
    ] as const) {
      const run = await runOhfp(['-f', '/tmp/hf_in'], { PATH: `${bin}:${SYSTEM_PATH}`, ...(given === undefined ? {} : { OHF_HELPER: given }) }, [script]);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.json()).toEqual({ helper: seen });
    }
  });

  it('says so when OHFP_BIN names nothing that can run', async () => {
    const { script, bin } = pluginTree('getRequestStatus');
    fakeOhfp(bin);
    const run = await runOhfp(['-f', '/tmp/hf_in'], { PATH: `${bin}:${SYSTEM_PATH}`, OHFP_BIN: '/nowhere/ohfp' }, [script]);
    expect(run.exitCode).toBe(127);
    expect(run.json<{ message: string }>().message).toMatch(/OHFP_BIN=\/nowhere\/ohfp is not an executable file \(or a command on PATH\)/);
  });
});
