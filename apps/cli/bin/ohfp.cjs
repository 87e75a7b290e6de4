#!/usr/bin/env node
// npm links this file when the package is installed, which in a checkout is before the build:
// it must exist then, so it is committed, and it loads the built command when it runs. CommonJS,
// as the command's own entry (dist/ohfp.cjs): Node.js starts it without its ES module loader.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file loads with require */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'ohfp.cjs');
if (!existsSync(entry)) {
  process.stdout.write(`${JSON.stringify({ message: 'ohfp is not built yet: run "npm run build" (or "npm start") in the repository first.' })}\n`);
  process.stderr.write(`ohfp: ${entry} does not exist; run "npm run build" in the repository first.\n`);
  process.exit(6);
}
require(entry);
