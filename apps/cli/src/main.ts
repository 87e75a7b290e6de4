import { runCli } from './run-cli.js';

const exitCode = await runCli({
  argv: process.argv.slice(2),
  environment: process.env,
  currentDirectory: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTerminal: process.stderr.isTTY === true,
});
process.exitCode = exitCode;
