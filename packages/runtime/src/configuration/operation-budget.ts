import type { Configuration } from './configuration-schema.js';

/** Symphony's default HF_PROVIDER_ACTION_TIMEOUT (hostfactoryconf.json), in seconds. */
export const DEFAULT_OPERATION_TIMEOUT_SECONDS = 300;

/** The environment variable Symphony sets to the seconds it waits for a provider script. */
export const ACTION_TIMEOUT_VARIABLE = 'HF_PROVIDER_ACTION_TIMEOUT';

// Kept back at the end of the budget to save state, print the answer and close storage.
const MARGIN_SHARE = 0.1;
const MINIMUM_MARGIN_MS = 250;
const MAXIMUM_MARGIN_MS = 10_000;

/** How long one operation may take, all provider calls, retries and waits included. */
export interface OperationBudget {
  readonly totalMs: number;
  /** The end of the budget kept for recording state and answering (10 %, between 0.25 and 10 s). */
  readonly marginMs: number;
  readonly source: typeof ACTION_TIMEOUT_VARIABLE | 'provisioning.operation_timeout_seconds' | 'default';
  /** Set when HF_PROVIDER_ACTION_TIMEOUT was set but is not a positive number of seconds (it is ignored). */
  readonly ignored?: string;
}

/**
 * The operation budget: `HF_PROVIDER_ACTION_TIMEOUT` (seconds) when Symphony sets it, else
 * `provisioning.operation_timeout_seconds`, else 300 s (Symphony's own default).
 */
export function resolveOperationBudget(
  configuration: Pick<Configuration, 'provisioning'>,
  environment: Readonly<Record<string, string | undefined>>,
): OperationBudget {
  const raw = environment[ACTION_TIMEOUT_VARIABLE]?.trim();
  const fromEnvironment = raw === undefined || raw === '' ? undefined : Number(raw);
  const ignored =
    fromEnvironment !== undefined && !(Number.isFinite(fromEnvironment) && fromEnvironment > 0)
      ? `${ACTION_TIMEOUT_VARIABLE}=${JSON.stringify(raw)} is not a positive number of seconds; it is ignored`
      : undefined;
  const configured = configuration.provisioning.operation_timeout_seconds;
  const [seconds, source]: [number, OperationBudget['source']] =
    fromEnvironment !== undefined && ignored === undefined
      ? [fromEnvironment, ACTION_TIMEOUT_VARIABLE]
      : configured !== undefined
        ? [configured, 'provisioning.operation_timeout_seconds']
        : [DEFAULT_OPERATION_TIMEOUT_SECONDS, 'default'];
  const totalMs = Math.round(seconds * 1000);
  const marginMs = Math.min(MAXIMUM_MARGIN_MS, Math.max(MINIMUM_MARGIN_MS, Math.round(totalMs * MARGIN_SHARE)));
  return { totalMs, marginMs: Math.min(marginMs, totalMs), source, ...(ignored === undefined ? {} : { ignored }) };
}

/**
 * A signal that aborts when the budget's usable part (total minus margin) is over, counting
 * `spentMs` already used (e.g. the process start-up before the first operation).
 */
export function operationDeadline(budget: OperationBudget, spentMs = 0): AbortSignal {
  return AbortSignal.timeout(Math.max(0, Math.floor(budget.totalMs - budget.marginMs - spentMs)));
}
