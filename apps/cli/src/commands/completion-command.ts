import type { CommandDefinition } from '../cli/command-definition.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { GLOBAL_OPTIONS, optionsOf, UsageError } from '../cli/parse-arguments.js';

const shellWords = (words: readonly string[]) => [...new Set(words)].join(' ');

/**
 * A bash completion script generated from the command definitions, so it never lags behind
 * them: command words first, then the options of the command typed so far. zsh loads the same
 * script through its bash compatibility layer.
 */
export function bashCompletion(commands: readonly CommandDefinition[]): string {
  const nouns = [...new Set(commands.filter((command) => command.path.length > 1).map((command) => command.path[0]!))];
  const firstWords = shellWords(commands.map((command) => command.path[0]!));
  const verbCases = nouns.map(
    (noun) => `    ${noun}) COMPREPLY=($(compgen -W "${shellWords(commands.filter((command) => command.path[0] === noun).map((command) => command.path[1]!))}" -- "$cur")); return ;;`,
  );
  const optionWords = (command: CommandDefinition) => shellWords(optionsOf(command).map((option) => `--${option.name}`));
  const twoWordCases = commands
    .filter((command) => command.path.length === 2)
    .map((command) => `    "${command.path.join(' ')}") options="${optionWords(command)}" ;;`);
  const oneWordCases = commands.filter((command) => command.path.length === 1).map((command) => `      ${command.path[0]}) options="${optionWords(command)}" ;;`);
  // Words typed after a two-word command are its positionals: offer the choices of those that have them.
  const choiceCases = commands
    .filter((command) => command.path.length === 2)
    .flatMap((command) =>
      (command.positionals ?? []).flatMap((positional, index) =>
        positional.choices === undefined ? [] : [`    "${command.path.join(' ')} ${index + 3}") COMPREPLY=($(compgen -W "${shellWords(positional.choices)}" -- "$cur")); return ;;`],
      ),
    );
  return `# ohfp completion for bash: source it, or put it in /etc/bash_completion.d/ohfp
_ohfp() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" options=""
  local first="\${COMP_WORDS[1]}" second="\${COMP_WORDS[2]}"
  if [[ "$cur" != -* ]]; then
    if [[ $COMP_CWORD -eq 1 ]]; then COMPREPLY=($(compgen -W "${firstWords}" -- "$cur")); return; fi
    if [[ $COMP_CWORD -eq 2 ]]; then
      case "$first" in
${verbCases.join('\n')}
      esac
    fi
    case "$first $second $COMP_CWORD" in
${choiceCases.join('\n')}
    esac
    COMPREPLY=($(compgen -f -- "$cur")); return
  fi
  case "$first $second" in
${twoWordCases.join('\n')}
  esac
  if [[ -z "$options" ]]; then
    case "$first" in
${oneWordCases.join('\n')}
      *) options="${shellWords(GLOBAL_OPTIONS.map((option) => `--${option.name}`))}" ;;
    esac
  fi
  COMPREPLY=($(compgen -W "$options" -- "$cur"))
}
complete -o default -F _ohfp ohfp
`;
}

export function zshCompletion(commands: readonly CommandDefinition[]): string {
  return `#compdef ohfp
# ohfp completion for zsh: put it in a directory of $fpath as _ohfp, or source it from .zshrc
autoload -U +X compinit && compinit -u
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(commands)}`;
}

export function completionCommand(commands: () => readonly CommandDefinition[]): CommandDefinition {
  return {
    path: ['completion'],
    group: 'Setup',
    summary: 'Print the shell completion script for bash or zsh.',
    description: 'bash: ohfp completion bash > /etc/bash_completion.d/ohfp (or: source <(ohfp completion bash)). zsh: ohfp completion zsh > "${fpath[1]}/_ohfp".',
    positionals: [{ name: 'shell', required: true, description: 'bash or zsh.' }],
    examples: ['source <(ohfp completion bash)', 'ohfp completion zsh > "${fpath[1]}/_ohfp"'],
    run: async (invocation) => {
      const shell = invocation.positionals[0];
      if (shell !== 'bash' && shell !== 'zsh') throw new UsageError(`Completion is available for bash and zsh (got "${shell}").`);
      const script = shell === 'bash' ? bashCompletion(commands()) : zshCompletion(commands());
      return { exitCode: EXIT_CODES.success, output: script, raw: true };
    },
  };
}
