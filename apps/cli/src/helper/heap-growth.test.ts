import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HELPER_HEAP_GROWTH_FLAG } from './heap-growth.js';

/**
 * A process that keeps 200,000 objects and churns through 2,000,000 more, each living long
 * enough to reach the old generation, as the machines of one poll do; it prints its peak
 * resident size in MB. `flag`, when given, is set at run time, as limitHeapGrowth sets it.
 */
function peakResidentMb(flag: string | undefined): number {
  const script = `
    if (process.argv[1]) require('node:v8').setFlagsFromString(process.argv[1]);
    const live = [];
    for (let index = 0; index < 200000; index += 1) live.push({ index, text: 'kept ' + index });
    const ring = new Array(200000);
    for (let index = 0; index < 2000000; index += 1) ring[index % ring.length] = { index, pair: [index, index + 1], text: 'churned ' + index };
    // Written as text: console.log would colour a number under FORCE_COLOR.
    process.stdout.write(String(Math.round(process.resourceUsage().maxRSS / 1024)) + ' ' + live.length);
  `;
  const child = spawnSync(process.execPath, ['-e', script, flag ?? ''], { encoding: 'utf8' });
  // V8 prints "unrecognized flag" for a flag it does not know (Node.js may add warnings of its own).
  expect(child.stderr).not.toMatch(/unrecognized flag|bad option/i);
  expect(child.status).toBe(0);
  return Number(child.stdout.split(' ')[0]);
}

describe('HELPER_HEAP_GROWTH_FLAG', () => {
  it('is a flag this V8 knows, and keeps a churning heap well below what V8 lets it reach by default', () => {
    const byDefault = peakResidentMb(undefined);
    const limited = peakResidentMb(HELPER_HEAP_GROWTH_FLAG);
    // Node.js 20: about 160 MB against 220 MB.
    expect(limited).toBeLessThan(byDefault * 0.8);
  }, 30_000);
});
