import { enableCompileCacheWhenAvailable } from './compile-cache.js';
import { answerFromCatalogSnapshot } from './fast-path/catalog-fast-path.js';
import { answerFromTemplateSnapshot } from './fast-path/template-fast-path.js';
import { runThroughHelper } from './helper/helper-client.js';
import { VERSION } from './version.js';

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

// The fast paths answer Symphony's most frequent call, and the catalog listing, before anything heavy is loaded.
const fastAnswer =
  (await answerFromTemplateSnapshot(process.argv.slice(2), process.env, process.cwd())) ?? answerFromCatalogSnapshot(process.argv.slice(2), process.env, process.cwd());
// Then the resident helper (`ohfp helper start`), when one listens for this environment: it has
// the runtime loaded and warm. Without one, or when it cannot take the call, the call runs here.
const helperExitCode =
  fastAnswer === undefined
    ? await runThroughHelper({
        argv: process.argv.slice(2),
        environment: process.env,
        currentDirectory: process.cwd(),
        version: VERSION,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        stderrIsTerminal: process.stderr.isTTY === true,
      })
    : undefined;
if (fastAnswer !== undefined) {
  process.stdout.write(fastAnswer);
} else if (helperExitCode !== undefined) {
  process.exitCode = helperExitCode;
} else {
  // Before run-cli builds its schemas: whether zod compiles them is decided as each is built.
  const { compileSchemasOnlyWhenServingManyCalls } = await import('./schema-compilation.js');
  compileSchemasOnlyWhenServingManyCalls(process.argv.slice(2));
  const { runCli } = await import('./run-cli.js');
  process.exitCode = await runCli({
    argv: process.argv.slice(2),
    environment: process.env,
    currentDirectory: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTerminal: process.stderr.isTTY === true,
  });
  // Everything is saved and printed: a provider call given up at the end of the time budget
  // may still hold a socket open, and must not keep Symphony waiting for the process to end.
  // The exit waits for stdout to flush: into a pipe read slowly, a large answer (thousands of
  // catalog plans) is still being written, and exiting would cut it at the pipe's 64 KiB.
  process.stdout.write('', () => setTimeout(() => process.exit(), 100).unref());
}
