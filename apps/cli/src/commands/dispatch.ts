import type { CliContext } from '../cli/cli-context.js';

/** Sends one command or query through the application's buses. */
export async function dispatch<Result = unknown>(context: CliContext, message: { readonly type: string } & Record<string, unknown>): Promise<Result> {
  const runtime = await context.runtime();
  return (await runtime.application.dispatch(message)) as Result;
}

/** Drops undefined values so optional CLI flags don't override message defaults. */
export function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
