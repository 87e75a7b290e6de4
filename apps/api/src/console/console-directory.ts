import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built console is when none is configured: `apps/web/dist` beside this package in
 * the repository (and in the container image, which keeps the same layout). Found from this
 * module's own place, which is `dist/` once built and `src/console/` in the tests.
 */
export function defaultConsoleDirectory(moduleUrl: string = import.meta.url): string {
  let directory = dirname(fileURLToPath(moduleUrl));
  for (let depth = 0; depth < 4; depth += 1) {
    if (existsSync(join(directory, 'package.json'))) return resolve(directory, '..', 'web', 'dist');
    directory = dirname(directory);
  }
  return resolve(dirname(fileURLToPath(moduleUrl)), '..', '..', 'web', 'dist');
}

/** True when `directory` holds a built console (its index.html). */
export function consoleIsBuilt(directory: string): boolean {
  return existsSync(join(directory, 'index.html'));
}
