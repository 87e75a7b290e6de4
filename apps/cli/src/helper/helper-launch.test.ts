import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTO_START_INTERVAL_MS, claimAutoStart, helperAutoStartWanted } from './helper-launch.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function claimPathInNewDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'ohf-helper-launch-'));
  directories.push(directory);
  // Below a work directory that does not exist yet, as on an environment's first call.
  return join(directory, 'work', '.ohfp-helper.sock.autostart');
}

describe('helperAutoStartWanted', () => {
  it('is on for OHF_HELPER=auto only', () => {
    expect(helperAutoStartWanted({ OHF_HELPER: 'auto' })).toBe(true);
    expect(helperAutoStartWanted({ OHF_HELPER: 'AUTO' })).toBe(true);
    for (const value of [undefined, '', 'off', 'on', '1', 'automatic']) expect(helperAutoStartWanted({ OHF_HELPER: value })).toBe(false);
  });
});

describe('claimAutoStart', () => {
  it('lets one call of many claim the start, creating the work directory, with a 0600 file', () => {
    const claimPath = claimPathInNewDirectory();
    const now = Date.now();
    expect([claimAutoStart(claimPath, now), claimAutoStart(claimPath, now), claimAutoStart(claimPath, now)]).toEqual([true, false, false]);
    expect(existsSync(claimPath)).toBe(true);
    expect(statSync(claimPath).mode & 0o777).toBe(0o600);
  });

  it('refuses a second start within the interval and allows one after it', () => {
    const claimPath = claimPathInNewDirectory();
    const now = Date.now();
    expect(claimAutoStart(claimPath, now)).toBe(true);
    expect(claimAutoStart(claimPath, now + AUTO_START_INTERVAL_MS - 1_000)).toBe(false);
    // The claim file's time is what counts: an old claim (a helper that started long ago and has
    // since stopped on its idle timeout) is taken over.
    const old = new Date(now - AUTO_START_INTERVAL_MS - 1_000);
    utimesSync(claimPath, old, old);
    expect(claimAutoStart(claimPath, now)).toBe(true);
    expect(statSync(claimPath).mtimeMs).toBeGreaterThan(old.getTime());
    expect(claimAutoStart(claimPath, now)).toBe(false);
  });
});
