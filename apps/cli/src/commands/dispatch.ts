import type { ApplicationMessage, ApplicationResult } from '@ohf/application-cqrs';
import { CLI_ACTOR } from '@ohf/domain-core';
import type { CliContext } from '../cli/cli-context.js';

/**
 * Sends one command or query through the application's buses, within the operation's time
 * budget: provider calls still running when it ends are given up and the work left goes on at
 * the next call, so the answer comes in time whatever the providers do.
 */
export async function dispatch<Message extends ApplicationMessage>(context: CliContext, message: Message): Promise<ApplicationResult<Message['type']>> {
  const runtime = await context.runtime();
  return runtime.application.dispatch(message, { signal: runtime.operationSignal(), actor: CLI_ACTOR });
}

/** The same for a message read from the user's JSON input: its schema judges it, its result is not known here. */
export async function dispatchInput(context: CliContext, message: { readonly type: string } & Readonly<Record<string, unknown>>): Promise<unknown> {
  const runtime = await context.runtime();
  return runtime.application.dispatch(message, { signal: runtime.operationSignal(), actor: CLI_ACTOR });
}

/** Drops undefined values so optional CLI flags don't override message defaults. */
export function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
