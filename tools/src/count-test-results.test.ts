import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, '../scripts/count-test-results.mjs');

/** The script as .ci/run calls it, on a log file. */
function count(log: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ohf-count-')), 'test.log');
  writeFileSync(file, log);
  return execFileSync(process.execPath, [script, file], { encoding: 'utf8' }).trim();
}

describe('count-test-results', () => {
  it('adds up plain vitest summaries, passed and failed', () => {
    const log = ['      Tests  12 passed (12)', 'noise', '      Tests  2 failed | 40 passed (42)', ' Test Files  3 passed (3)'].join('\n');
    expect(count(log)).toBe('52 passed, 2 failed');
  });

  it('counts coloured output, as Nx replays it from its cache', () => {
    const coloured = '\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[32m155 passed\u001b[39m\u001b[22m\u001b[90m (155)\u001b[39m\n';
    const failing = '\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[31m1 failed\u001b[39m\u001b[22m\u001b[2m | \u001b[22m\u001b[1m\u001b[32m9 passed\u001b[39m\u001b[22m\u001b[90m (10)\u001b[39m\n';
    expect(count(coloured + failing)).toBe('164 passed, 1 failed');
  });

  it('counts summaries behind an Nx project prefix, and says 0 when there are none', () => {
    expect(count('@ohf/cli:test:       Tests  7 passed (7)\n')).toBe('7 passed, 0 failed');
    expect(count('nothing ran\n')).toBe('0 passed, 0 failed');
  });

  it('counts the browser tests by the closing lines of Playwright\'s list reporter', () => {
    const log = [
      '      Tests  16 passed (16)',
      '  ✓  15 e2e/screens.spec.ts:35:5 › at 390 px › every screen (23.4s)',
      '  1 failed',
      '    e2e/console-flows.spec.ts:170:1 › the keyboard alone',
      '  1 did not run',
      '  13 passed (1.5m)',
    ].join('\n');
    expect(count(log)).toBe('29 passed, 1 failed');
    expect(count('  15 passed (57.9s)\n')).toBe('15 passed, 0 failed');
  });
});
