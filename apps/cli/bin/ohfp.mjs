#!/usr/bin/env node
// npm links this file when the package is installed, which in a checkout is before the build:
// it must exist then, so it is committed, and it loads the built command when it runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stdout.write(`${JSON.stringify({ message: 'ohfp is not built yet: run "npm run build" (or "npm start") in the repository first.' })}\n`);
  process.stderr.write(`ohfp: ${fileURLToPath(main)} does not exist; run "npm run build" in the repository first.\n`);
  process.exit(6);
}
await import(main.href);
