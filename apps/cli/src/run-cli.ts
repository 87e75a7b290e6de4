import { OhfError, toErrorEnvelope, ValidationError } from '@ohf/domain-core';
import { redactSecrets, redactValue } from '@ohf/provider-sdk';
import type { CliContext, CliRuntime } from './cli/cli-context.js';
import type { CommandDefinition, CommandResult } from './cli/command-definition.js';
import { createFileLogger, type Logger } from './cli/create-logger.js';
import { EXIT_CODES, exitCodeForError, type ExitCode } from './cli/exit-codes.js';
import { parseCommandLine, UsageError } from './cli/parse-arguments.js';
import { renderCommandHelp, renderNounHelp, renderOverview } from './cli/render-help.js';
import { closestMatch } from '@ohf/runtime';
import { outputFormatOf, renderOutput } from './cli/render-output.js';
import { COMMANDS } from './commands/commands.js';
import { composeRuntime, type CompositionReuse } from './composition/compose-runtime.js';
import { describeInvalidInput, invalidMessageDetails } from './cli/user-facing-validation.js';
import { VERSION } from './version.js';

/** A message that failed its schema, reworded in terms of the command's options or input. */
function inUserTerms(command: CommandDefinition | undefined, error: unknown): unknown {
  if (command === undefined || !OhfError.isInstance(error) || error.code !== 'VALIDATION_ERROR') return error;
  const details = invalidMessageDetails(error.details);
  if (details === undefined) return error;
  const { message, problems } = describeInvalidInput(command, details);
  return new ValidationError(message, { details: { problems } });
}

export interface CliIo {
  readonly argv: readonly string[];
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly currentDirectory: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTerminal: boolean;
  /** Milliseconds since the calling process started, when that is not this process (the resident helper). */
  readonly elapsedMs?: () => number;
  /** Opens the log (default: a file logger of its own); the resident helper shares one per log file. */
  readonly createLogger?: (logDirectory: string, level: string, secrets: readonly string[]) => Promise<Logger>;
  /** What the resident helper keeps from one call to the next. */
  readonly reuse?: CompositionReuse;
}

/**
 * Errors of a Host Factory operation are answered in the contract's shape, `{"message"}`.
 * Provider errors were redacted where they were caught; anything still shaped like a credential
 * is redacted here too, since this is what Symphony copies into its own logs.
 */
function failureOutput(command: CommandDefinition | undefined, error: unknown): unknown {
  if (command?.group === 'Host Factory') {
    return {
      message: error instanceof UsageError || OhfError.isInstance(error) ? redactSecrets((error as Error).message) : 'Internal error; see app.log.',
    };
  }
  if (error instanceof UsageError) return { error: { code: 'VALIDATION_ERROR', message: error.message, details: {} } };
  return redactValue(toErrorEnvelope(error));
}

/**
 * Runs one `ohfp` invocation: parse, run the command, print only the result on stdout, and
 * return the exit code. Nothing here calls process.exit, so tests can drive it in-process.
 */
export async function runCli(io: CliIo): Promise<ExitCode> {
  let command: CommandDefinition | undefined;
  let runtime: Promise<CliRuntime> | undefined;
  let logger: Logger | undefined;
  try {
    const parsed = parseCommandLine(io.argv, COMMANDS);
    command = parsed.command;
    if (parsed.options.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT_CODES.success;
    }
    if (!command) {
      const words = parsed.positionals.join(' ');
      if (words === '' || words === 'help') {
        io.stdout(renderOverview(COMMANDS, VERSION));
        return words === '' && !parsed.options.help ? EXIT_CODES.usage : EXIT_CODES.success;
      }
      const [noun] = parsed.positionals;
      const verbs = COMMANDS.filter((candidate) => candidate.path.length > 1 && candidate.path[0] === noun);
      if (parsed.positionals.length === 1 && verbs.length > 0) {
        io.stdout(renderNounHelp(noun!, COMMANDS));
        return parsed.options.help ? EXIT_CODES.success : EXIT_CODES.usage;
      }
      const known = verbs.length > 0 ? verbs.map((candidate) => candidate.path.join(' ')) : [...new Set(COMMANDS.map((candidate) => candidate.path[0]!))];
      const suggestion = closestMatch(verbs.length > 0 ? words : noun!, known);
      throw new UsageError(`Unknown command "${words}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Run "ohfp --help" for the list of commands.`);
    }
    if (parsed.options.help) {
      io.stdout(renderCommandHelp(command));
      return EXIT_CODES.success;
    }
    const format = outputFormatOf(parsed.options.format);
    const required = (command.positionals ?? []).filter((positional) => positional.required);
    if (parsed.positionals.length < required.length) {
      throw new UsageError(`Missing <${required[parsed.positionals.length]!.name}>. ${renderCommandHelp(command).split('\n')[0]}`, command);
    }
    if (parsed.positionals.length > (command.positionals ?? []).length) {
      throw new UsageError(`Unexpected argument "${parsed.positionals[(command.positionals ?? []).length]}".`, command);
    }
    const configDirectory = typeof parsed.options['config-dir'] === 'string' ? parsed.options['config-dir'] : undefined;
    const context: CliContext = {
      environment: io.environment,
      currentDirectory: io.currentDirectory,
      configDirectory,
      interactive: io.stderrIsTerminal,
      progress: (line) => io.stderr(io.stderrIsTerminal ? `\r\u001b[2K${line}` : `${line}\n`),
      runtime: () => {
        runtime ??= composeRuntime({
          environment: io.environment,
          currentDirectory: io.currentDirectory,
          configDirectory,
          createLogger: async (directory, level, secrets) => (logger = await (io.createLogger ?? createFileLogger)(directory, level, secrets)),
          warn: (line) => io.stderr(`ohfp: warning: ${line}\n`),
          ...(io.elapsedMs ? { elapsedMs: io.elapsedMs } : {}),
          ...(io.reuse ? { reuse: io.reuse } : {}),
        });
        return runtime;
      },
    };
    const result: CommandResult = await command.run({ command, positionals: parsed.positionals, options: parsed.options }, context);
    io.stdout(await renderOutput(result, format));
    logger?.info({ command: command.path.join(' '), exitCode: result.exitCode }, 'command finished');
    return result.exitCode;
  } catch (thrown) {
    const error = inUserTerms(command, thrown);
    const exitCode =
      error instanceof UsageError
        ? EXIT_CODES.usage
        : OhfError.isInstance(error)
          ? exitCodeForError(error.code, (error as { kind?: string }).kind)
          : exitCodeForError(undefined);
    logger?.error({ command: command?.path.join(' '), err: thrown }, 'command failed');
    io.stdout(`${JSON.stringify(failureOutput(command, error), null, 2)}\n`);
    if (error instanceof UsageError) {
      io.stderr(`ohfp: ${error.message}\n${command ? `Run "ohfp ${command.path.join(' ')} --help" for usage.\n` : ''}`);
    } else if (!OhfError.isInstance(error)) {
      io.stderr(`ohfp: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    }
    return exitCode;
  } finally {
    if (runtime) await (await runtime.catch(() => undefined))?.close?.();
  }
}
