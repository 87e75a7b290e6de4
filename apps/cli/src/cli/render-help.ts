import type { CommandDefinition, OptionDefinition } from './command-definition.js';
import { EXIT_CODES } from './exit-codes.js';
import { GLOBAL_OPTIONS, optionsOf } from './parse-arguments.js';

function optionLine(option: OptionDefinition): string {
  const flag = `${option.short ? `-${option.short}, ` : '    '}--${option.name}${option.valueName ? ` ${option.valueName}` : ''}`;
  return `  ${flag.padEnd(34)} ${option.description}`;
}

export function renderCommandHelp(command: CommandDefinition): string {
  const positionals = (command.positionals ?? [])
    .map((positional) => (positional.required ? `<${positional.name}>` : `[${positional.name}]`))
    .join(' ');
  const lines = [
    `Usage: ohfp ${command.path.join(' ')}${positionals ? ` ${positionals}` : ''} [options]`,
    '',
    command.summary,
  ];
  if (command.description) lines.push('', command.description);
  if (command.positionals?.length) {
    lines.push('', 'Arguments:');
    for (const positional of command.positionals) lines.push(`  ${positional.name.padEnd(34)} ${positional.description}`);
  }
  if (command.inputFields?.length) {
    lines.push('', 'Input fields (JSON through -f FILE or --data JSON; snake_case or camelCase):');
    for (const field of command.inputFields) lines.push(`  ${field.name.padEnd(34)} ${field.description}`);
  }
  lines.push('', 'Options:');
  for (const option of optionsOf(command)) lines.push(optionLine(option));
  if (command.examples?.length) {
    lines.push('', 'Examples:');
    for (const example of command.examples) lines.push(`  ${example}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderOverview(commands: readonly CommandDefinition[], version: string): string {
  const lines = [
    `ohfp ${version} — Open Host Factory: provision and return machines on AWS, Linode and DigitalOcean.`,
    '',
    'Usage: ohfp <command> [options]        (options may come before or after the command)',
    '       ohfp <command> --help',
  ];
  const groups = [...new Set(commands.map((command) => command.group))];
  for (const group of groups) {
    lines.push('', `${group}:`);
    for (const command of commands.filter((candidate) => candidate.group === group)) {
      lines.push(`  ${command.path.join(' ').padEnd(30)} ${command.summary}`);
    }
  }
  lines.push('', 'Global options:');
  for (const option of GLOBAL_OPTIONS) lines.push(optionLine(option));
  lines.push(
    '',
    'Environment:',
    '  HF_PROVIDER_CONFDIR (HF_CONFDIR)   config.yaml/config.json and template files (default ./config;',
    '                                     $HF_CONFDIR/providers/$HF_PROVIDER_NAME when that directory exists)',
    '  HF_PROVIDER_WORKDIR (HF_WORKDIR)   state: the embedded database (default the current directory;',
    '                                     $HF_WORKDIR/providers/$HF_PROVIDER_NAME with that layout)',
    '  HF_PROVIDER_LOGDIR  (HF_LOGDIR)    app.log (default <workdir>/logs)',
    '  HF_LOG_LEVEL (HF_LOGLEVEL)         trace|debug|info|warn|error|fatal or LOG_DEBUG…LOG_EMERG (default info)',
    '  HF_<SECTION>__<KEY>                override any configuration key, e.g. HF_STORAGE__STRATEGY=json',
    '',
    'Exit codes:',
    ...Object.entries(EXIT_CODES).map(([name, code]) => `  ${String(code).padEnd(4)} ${name}`),
    '',
    'stdout carries only the result; logs go to $HF_PROVIDER_LOGDIR/app.log.',
  );
  return `${lines.join('\n')}\n`;
}

/** The commands under one noun (`ohfp templates --help`). */
export function renderNounHelp(noun: string, commands: readonly CommandDefinition[]): string {
  const verbs = commands.filter((command) => command.path.length > 1 && command.path[0] === noun);
  const lines = [`Usage: ohfp ${noun} <command> [options]`, '', 'Commands:'];
  for (const command of verbs) lines.push(`  ${command.path.join(' ').padEnd(30)} ${command.summary}`);
  lines.push('', `Run "ohfp ${noun} <command> --help" for the options of one.`);
  return `${lines.join('\n')}\n`;
}
