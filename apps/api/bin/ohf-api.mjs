#!/usr/bin/env node
// npm links this file when the package is installed, which in a checkout is before the build:
// it must exist then, so it is committed, and it loads the built server when it runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(`ohf-api: ${fileURLToPath(main)} does not exist; run "npm run build" (or "npm start") in the repository first.\n`);
  process.exit(1);
}
await import(main.href);
