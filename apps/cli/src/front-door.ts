import { enableCompileCacheWhenAvailable } from './compile-cache.js';
import { answerFromCatalogSnapshot } from './fast-path/catalog-fast-path.js';
import { answerFromTemplateSnapshot } from './fast-path/template-fast-path.js';
import { runThroughHelper } from './helper/helper-client.js';
import { helperAutoStartWanted, startHelperInBackground } from './helper/helper-launch.js';
import { VERSION } from './version.js';

/**
 * What every `ohfp` process does first, with Node.js built-ins only: the fast paths answer
 * Symphony's most frequent call (`getAvailableTemplates`) and the catalog listing from files
 * the last full answer left, and a resident helper listening for this environment takes any
 * other call. True when the call is answered (the exit code set); false when it must run in
 * this process (`runInProcess`). Both entries start here: `main.js` (ES modules) and
 * `ohfp.cjs` (CommonJS, which Node.js starts without its ES module loader).
 */
export async function answeredAtTheFrontDoor(): Promise<boolean> {
  // Before anything heavy is loaded, so that it is compiled once for many calls.
  enableCompileCacheWhenAvailable();

  // A reader that stops early (`ohfp … | head`) closes the pipe: the rest of the answer has
  // nowhere to go, which ends the output, not the call with a stack trace. The command has
  // already done and saved its work by the time it prints; the exit code stays its own.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });

  // The AWS SDK warns on stderr, once per process, that a future release will need Node.js 22:
  // ohfp is one process per Symphony call, so it would repeat on every call. These packages
  // support Node.js 20 and say so in the README; the operator can still turn it back on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  const argv = process.argv.slice(2);
  const fastAnswer = (await answerFromTemplateSnapshot(argv, process.env, process.cwd())) ?? answerFromCatalogSnapshot(argv, process.env, process.cwd());
  if (fastAnswer !== undefined) {
    process.stdout.write(fastAnswer);
    return true;
  }
  // The resident helper (`ohfp helper start`) has the runtime loaded and warm. Without one, or
  // when it cannot take the call, the call runs in this process; with OHF_HELPER=auto, the
  // first call that finds none starts one for the calls after it.
  const helperExitCode = await runThroughHelper({
    argv,
    environment: process.env,
    currentDirectory: process.cwd(),
    version: VERSION,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTerminal: process.stderr.isTTY === true,
    onNoHelper: (socketPath) => {
      if (helperAutoStartWanted(process.env)) startHelperInBackground(socketPath, process.env, process.cwd());
    },
  });
  if (helperExitCode === undefined) return false;
  process.exitCode = helperExitCode;
  return true;
}
