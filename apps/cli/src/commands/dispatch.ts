import type { CliContext } from '../cli/cli-context.js';

/**
 * Sends one command or query through the application's buses, within the operation's time
 * budget: provider calls still running when it ends are given up and the work left goes on at
 * the next call, so the answer comes in time whatever the providers do.
 */
export async function dispatch<Result = unknown>(context: CliContext, message: { readonly type: string } & Record<string, unknown>): Promise<Result> {
  const runtime = await context.runtime();
  return (await runtime.application.dispatch(message, { signal: runtime.operationSignal() })) as Result;
}

/** Drops undefined values so optional CLI flags don't override message defaults. */
export function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
