import type { CliContext } from './cli-context.js';
import type { ExitCode } from './exit-codes.js';

export interface OptionDefinition {
  readonly name: string;
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  readonly valueName?: string;
  readonly description: string;
  readonly multiple?: boolean;
}

export interface PositionalDefinition {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  /** The only words it takes; shell completion offers them. */
  readonly choices?: readonly string[];
}

export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>;

export interface Invocation {
  readonly command: CommandDefinition;
  readonly positionals: readonly string[];
  readonly options: OptionValues;
}

export interface CommandResult {
  /** What goes to stdout (rendered in the chosen format); undefined prints nothing. */
  readonly output?: unknown;
  readonly exitCode: ExitCode;
  /** A custom table view of the output for `--format table`. */
  readonly table?: { readonly columns: readonly string[]; readonly rows: readonly (readonly unknown[])[] };
  /** The output is text to print as it is (a shell script), whatever the format. */
  readonly raw?: boolean;
}

export interface CommandDefinition {
  /** e.g. ['getAvailableTemplates'] or ['templates', 'list']. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly group: 'Host Factory' | 'Provider strategy' | 'Providers' | 'Templates' | 'Requests' | 'Machines' | 'Catalog' | 'Audit' | 'Setup';
  /** Accepts its input JSON through -f FILE or --data JSON. */
  readonly takesInput?: boolean;
  /** Changes something: gets --dry-run. */
  readonly mutating?: boolean;
  readonly positionals?: readonly PositionalDefinition[];
  readonly options?: readonly OptionDefinition[];
  readonly examples?: readonly string[];
  /** The fields of the input JSON, listed by --help. */
  readonly inputFields?: readonly { readonly name: string; readonly description: string }[];
  /** The option that sets each field of the message the command sends, to name it in errors. */
  readonly fieldOptions?: Readonly<Record<string, string>>;
  /** Input JSON names of message fields whose name differs from their snake_case form. */
  readonly inputFieldAliases?: Readonly<Record<string, string>>;
  readonly run: (invocation: Invocation, context: CliContext) => Promise<CommandResult>;
}
