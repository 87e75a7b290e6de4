import { compileSchemasOnlyWhenServingManyCalls } from './schema-compilation.js';

/** Runs the call in this process: the command, the runtime and the providers are loaded here. */
export async function runInProcess(): Promise<void> {
  // Before run-cli builds its schemas: whether zod compiles them is decided as each is built.
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
