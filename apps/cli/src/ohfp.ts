import { join } from 'node:path';
import { loadBundle } from './bundle-compile-cache.js';
import { answeredAtTheFrontDoor } from './front-door.js';
import type * as InProcess from './in-process.js';

// The entry Symphony's scripts and the `ohfp` command run, built as CommonJS (`dist/ohfp.cjs`):
// Node.js starts a CommonJS file without its ES module loader, about 10 ms of CPU less per call,
// and most calls end at the front door (a fast path or the resident helper). Only a call that
// runs in this process loads the command: `in-process.cjs` beside this file, one CommonJS
// bundle kept compiled from one call of the same command to the next.
void (async () => {
  if (await answeredAtTheFrontDoor()) return;
  const bundle = loadBundle<typeof InProcess>(join(__dirname, 'in-process.cjs'), { environment: process.env, purpose: process.argv[2] ?? '' });
  process.once('exit', () => bundle.save());
  await bundle.exports.runInProcess();
})();
