import type { TrackedRequest } from '@ohf/application-cqrs';
import { isRequestFinal } from '@ohf/domain-core';
import type { CliContext } from '../cli/cli-context.js';
import type { OptionDefinition, OptionValues } from '../cli/command-definition.js';
import { UsageError } from '../cli/parse-arguments.js';
import { dispatch } from './dispatch.js';

export const WAIT_OPTIONS: readonly OptionDefinition[] = [
  { name: 'wait', type: 'boolean', description: 'Wait until the request finishes, showing progress on stderr.' },
  { name: 'interval', type: 'string', valueName: 'SECONDS', description: 'Seconds between status checks while waiting (default 5).' },
  { name: 'timeout', type: 'string', valueName: 'SECONDS', description: 'Stop waiting after this many seconds (default 1800).' },
];

function seconds(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`--${name} must be a positive number of seconds.`);
  return parsed;
}

function describeProgress(tracked: TrackedRequest, elapsedSeconds: number): string {
  if (!tracked.found || !tracked.request) return `${tracked.requestId}: not found`;
  const counts = new Map<string, number>();
  for (const machine of tracked.machines) counts.set(machine.state, (counts.get(machine.state) ?? 0) + 1);
  const states = [...counts].map(([state, count]) => `${count} ${state}`).join(', ') || 'no machines yet';
  const { request } = tracked;
  return `${request.requestId} ${request.status} — ${states} of ${request.requestedCount} (${Math.round(elapsedSeconds)}s)${request.message ? ` — ${request.message}` : ''}`;
}

/**
 * Polls getRequestStatus until every request is final (or the timeout passes), drawing one
 * progress line per poll on stderr. Each poll also moves provisioning forward.
 */
export async function waitForRequests(context: CliContext, requestIds: readonly string[], options: OptionValues): Promise<readonly TrackedRequest[]> {
  const intervalMs = seconds(options.interval, 'interval', 5) * 1000;
  const timeoutMs = seconds(options.timeout, 'timeout', 1800) * 1000;
  const started = Date.now();
  for (;;) {
    const { requests } = await dispatch(context, { type: 'GetRequestStatus', requestIds: [...requestIds] });
    const elapsed = (Date.now() - started) / 1000;
    context.progress(requests.map((tracked) => describeProgress(tracked, elapsed)).join(' | '));
    const done = requests.every((tracked) => !tracked.found || (tracked.request !== undefined && isRequestFinal(tracked.request)));
    if (done || Date.now() - started + intervalMs > timeoutMs) {
      if (context.interactive) context.progress('');
      if (!done) context.progress(`stopped waiting after ${Math.round(elapsed)}s; the request goes on (check it with: ohfp requests show ${requestIds[0]})`);
      return requests;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * After `--wait`: success only when the request completed. A request that ended partial,
 * failed or cancelled, or that was still running when waiting stopped, is not a success, and
 * the message says so (exit code 1, as for `requests watch`).
 */
export function outcomeOfWait(tracked: TrackedRequest | undefined, requestId: string): { readonly succeeded: boolean; readonly message: string } {
  const request = tracked?.request;
  if (request === undefined) return { succeeded: false, message: `Request ${requestId} could not be found after waiting.` };
  if (request.status === 'complete') return { succeeded: true, message: '' };
  const reason = request.message ? `: ${request.message}` : '';
  return isRequestFinal(request)
    ? { succeeded: false, message: `Request ${requestId} ended ${request.status}${reason}` }
    : { succeeded: false, message: `Request ${requestId} is still ${request.status} after waiting${reason}; follow it with: ohfp requests watch ${requestId}` };
}
