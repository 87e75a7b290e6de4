import type { CommandDefinition } from './command-definition.js';

interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

interface InvalidMessageDetails {
  readonly type: string;
  readonly issues: readonly ValidationIssue[];
}

/** The details a bus message that failed its schema carries (`{type, issues}`), else undefined. */
export function invalidMessageDetails(details: unknown): InvalidMessageDetails | undefined {
  if (details === null || typeof details !== 'object') return undefined;
  const { type, issues } = details as { type?: unknown; issues?: unknown };
  if (typeof type !== 'string' || !Array.isArray(issues)) return undefined;
  return { type, issues: issues.filter((issue): issue is ValidationIssue => typeof issue?.path === 'string' && typeof issue?.message === 'string') };
}

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** zod's wording, in the words of someone who typed the command. */
function plainProblem(message: string): string {
  if (/received undefined/.test(message)) return 'is required';
  const choices = /expected one of (.*)$/.exec(message);
  if (choices) return `must be one of ${choices[1]!.replaceAll('"', '').split('|').join(', ')}`;
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}

/**
 * A message that failed its schema names the message's internal fields (`Invalid ListRequests:
 * statuses.0`). People typed options or input JSON: name those instead, so the fix is obvious.
 */
export function describeInvalidInput(command: CommandDefinition, details: InvalidMessageDetails): { readonly message: string; readonly problems: readonly string[] } {
  const problems = details.issues.slice(0, 5).map((issue) => {
    const [field = '', ...rest] = issue.path.split('.');
    const option = command.fieldOptions?.[field];
    const where =
      option?.startsWith('<')
        ? option
        : option !== undefined
        ? `--${option}${rest.length > 0 && /^\d+$/.test(rest[0]!) ? ` (item ${Number(rest[0]) + 1})` : ''}`
        : field === ''
          ? 'the input'
          : command.takesInput
            ? `"${[command.inputFieldAliases?.[field] ?? snakeCase(field), ...rest].join('.')}"`
            : `"${issue.path}"`;
    return `${where} ${plainProblem(issue.message)}`;
  });
  const more = details.issues.length > 5 ? `; and ${details.issues.length - 5} more` : '';
  const subject = command.takesInput && problems.every((problem) => !problem.startsWith('--')) ? 'The input is not valid' : 'Invalid options';
  return { message: `${subject} for ohfp ${command.path.join(' ')}: ${problems.join('; ')}${more}.`, problems };
}
