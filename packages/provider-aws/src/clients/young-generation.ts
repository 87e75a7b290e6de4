import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collector = (options: { type: 'minor' }) => void;

let collector: Collector | undefined;

/**
 * Collects V8's young generation (a scavenge) now. Made callable without starting Node.js with
 * --expose-gc, which would change the options every `ohfp` call (and its resident helper) is
 * started with: the flag is set at run time and the `gc` function taken from a new context,
 * where V8 installs it.
 */
export function collectYoungGeneration(): void {
  if (collector === undefined) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as Collector;
  }
  collector({ type: 'minor' });
}
