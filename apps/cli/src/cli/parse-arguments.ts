import { parseArgs } from 'node:util';
import { closestMatch } from '@ohf/runtime';
import type { CommandDefinition, OptionDefinition, OptionValues } from './command-definition.js';

export const GLOBAL_OPTIONS: readonly OptionDefinition[] = [
  { name: 'help', short: 'h', type: 'boolean', description: 'Show help for the command.' },
  { name: 'version', short: 'V', type: 'boolean', description: 'Print the version.' },
  { name: 'format', type: 'string', valueName: 'json|table|yaml', description: 'Output format (default json).' },
  { name: 'config-dir', type: 'string', valueName: 'DIR', description: 'Config directory (default $HF_PROVIDER_CONFDIR, else ./config).' },
];

export const INPUT_OPTIONS: readonly OptionDefinition[] = [
  { name: 'file', short: 'f', type: 'string', valueName: 'FILE', description: 'Read the input JSON from FILE.' },
  { name: 'data', short: 'd', type: 'string', valueName: 'JSON', description: 'The input JSON inline.' },
];

export const DRY_RUN_OPTION: OptionDefinition = {
  name: 'dry-run',
  type: 'boolean',
  description: 'Plan only: print the chosen provider, the explanation and the exact provider calls; change nothing.',
};

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandDefinition,
  ) {
    super(message);
  }
}

export function optionsOf(command: CommandDefinition): readonly OptionDefinition[] {
  return [
    ...GLOBAL_OPTIONS,
    ...(command.takesInput ? INPUT_OPTIONS : []),
    ...(command.mutating ? [DRY_RUN_OPTION] : []),
    ...(command.options ?? []),
  ];
}

function toParseArgsOptions(options: readonly OptionDefinition[]) {
  return Object.fromEntries(
    options.map((option) => [
      option.name,
      { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) },
    ]),
  );
}

export interface ParsedCommandLine {
  readonly command: CommandDefinition | undefined;
  readonly positionals: readonly string[];
  readonly options: OptionValues;
}

/**
 * Finds the command (its words may come before or after options, as Symphony's wrappers and
 * people both do) and parses its options strictly, so a typo is an error, not a silent no-op.
 */
export function parseCommandLine(argv: readonly string[], commands: readonly CommandDefinition[]): ParsedCommandLine {
  const everyOption = new Map<string, OptionDefinition>();
  for (const command of commands) for (const option of optionsOf(command)) everyOption.set(option.name, option);
  for (const option of [...GLOBAL_OPTIONS, ...INPUT_OPTIONS, DRY_RUN_OPTION]) everyOption.set(option.name, option);

  const loose = parseArgs({
    args: [...argv],
    options: toParseArgsOptions([...everyOption.values()]),
    allowPositionals: true,
    strict: false,
  });
  const words = loose.positionals;
  const command = [...commands]
    .sort((left, right) => right.path.length - left.path.length)
    .find((candidate) => candidate.path.every((word, index) => words[index] === word));

  if (!command) {
    return { command: undefined, positionals: words, options: loose.values as OptionValues };
  }
  try {
    const strict = parseArgs({
      args: [...argv],
      options: toParseArgsOptions(optionsOf(command)),
      allowPositionals: true,
      strict: true,
    });
    const positionals = strict.positionals.slice(command.path.length);
    return { command, positionals, options: strict.values as OptionValues };
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional.*$/s, '.');
    const unknown = /Unknown option '--([^']+)'/.exec(message)?.[1];
    const suggestion = unknown === undefined ? undefined : closestMatch(unknown, optionsOf(command).map((option) => option.name));
    throw new UsageError(suggestion === undefined ? message : `${message.replace(/\.$/, '')}. Did you mean --${suggestion}?`, command);
  }
}
