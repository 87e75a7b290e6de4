import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { answeredAtTheFrontDoor } from './front-door.js';
import type * as InProcess from './in-process.js';

// The entry Symphony's scripts and the `ohfp` command run, built as CommonJS (`dist/ohfp.cjs`):
// Node.js starts a CommonJS file without its ES module loader, about 10 ms of CPU less per call,
// and most calls end at the front door (a fast path or the resident helper). Only a call that
// runs in this process loads the command, which is ES modules, from beside this file.
void (async () => {
  if (await answeredAtTheFrontDoor()) return;
  const inProcess = pathToFileURL(join(__dirname, 'in-process.js')).href;
  const { runInProcess } = (await import(inProcess)) as typeof InProcess;
  await runInProcess();
})();
