#!/usr/bin/env node
// Prints "N passed, N failed" over every vitest and Playwright summary in a log (the file named,
// else stdin).
// The log may hold colour codes (a tool that forces colour, output Nx replays from its cache
// as it was first printed) and prefixes; only the summary lines' numbers count.
import { readFileSync } from 'node:fs';

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function countTestResults(log) {
  let passed = 0;
  let failed = 0;
  for (const line of log.replace(ANSI, '').split(/\r?\n/)) {
    // Playwright's list reporter closes with "  12 passed (1.5m)" and, apart, "  1 failed".
    const browserPassed = /^\s*(\d+) passed \([\d.]+m?s?\)\s*$/.exec(line);
    const browserFailed = /^\s*(\d+) failed\s*$/.exec(line);
    if (browserPassed !== null) passed += Number(browserPassed[1]);
    if (browserFailed !== null) failed += Number(browserFailed[1]);
    const summary = /(?:^|\s)Tests\s+(.*\d+\s+(?:passed|failed).*)$/.exec(line);
    if (summary === null) continue;
    passed += Number(/(\d+)\s+passed/.exec(summary[1])?.[1] ?? 0);
    failed += Number(/(\d+)\s+failed/.exec(summary[1])?.[1] ?? 0);
  }
  return { passed, failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { passed, failed } = countTestResults(readFileSync(process.argv[2] ?? 0, 'utf8'));
  console.log(`${passed} passed, ${failed} failed`);
}
