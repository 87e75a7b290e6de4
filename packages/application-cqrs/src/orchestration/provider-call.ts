import { OhfError } from '@ohf/domain-core';
import { redactError, redactSecrets, type ComputeProviderV1 } from '@ohf/provider-sdk';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { budgetExhausted, settleBefore } from './operation-deadline.js';
import type { OrchestrationContext } from './orchestration-context.js';
import type { ProviderOperation } from './provider-operations.js';

export interface ReportedFailure {
  readonly code: string;
  readonly message?: string;
  readonly retryAfterMs?: number;
  readonly instanceType?: string;
}

export interface ProviderCallOptions<Result = unknown> {
  /** Recorded to selection on failure (capacity blocks are scoped by them). */
  readonly providerApi?: string;
  readonly instanceType?: string;
  /** A call that succeeds at the API level but reports failures inside its result. */
  readonly failureOf?: (result: Result) => ReportedFailure | undefined;
  /** The operation's signal (its time budget, a lost lease…): the handler's, passed on. */
  readonly signal?: AbortSignal;
}

/** What a call is given besides the provider: the signal it must pass on to the provider. */
export interface ProviderCallContext {
  readonly signal?: AbortSignal;
}

/**
 * Runs one call against a provider instance and reports it: latency and outcome to selection
 * (health, circuit breakers, LEAST_CONNECTIONS counts), counters and timings to metrics.
 * What the provider says is redacted before anyone sees it (the instance's credentials and
 * anything shaped like one): errors are rethrown redacted, with their code and class, and the
 * texts of its results (failures, health message, validation findings) are redacted.
 * The call is bounded by the operation's time budget (the dispatch's signal, which every caller
 * passes on as `options.signal`): once
 * the budget is spent no call is sent, and a call still running when it ends is given up with a
 * retryable PROVIDER_UNAVAILABLE (`isBudgetExhausted`), even if the provider ignores the signal.
 */
export async function callProvider<Result>(
  context: OrchestrationContext,
  providerInstance: string,
  operation: ProviderOperation,
  call: (provider: ComputeProviderV1, callContext: ProviderCallContext) => Promise<Result>,
  options: ProviderCallOptions<Result> = {},
): Promise<Result> {
  const signal = options.signal;
  // Not the provider's fault: nothing is sent and nothing is recorded against it.
  if (signal?.aborted) throw budgetExhausted(providerInstance, operation);
  const secrets = context.providers.secretsOf?.(providerInstance) ?? [];
  const budgetOver = (): Error => budgetExhausted(providerInstance, operation);
  // Creating a client may read files or the network too; it is not a call of the provider.
  const provider = await settleBefore(context.providers.get(providerInstance), signal, budgetOver).catch((error: unknown) => {
    throw signal?.aborted ? budgetOver() : redactError(error, secrets);
  });
  const startedAt = context.monotonicNow();
  context.selector.beginOperation(providerInstance, operation);
  let succeeded = false;
  let errorCode: string | undefined;
  let errorMessage: string | undefined;
  let retryAfterMs: number | undefined;
  let instanceType = options.instanceType;
  try {
    const result = redactReportedTexts(await settleBefore(call(provider, signal === undefined ? {} : { signal }), signal, budgetOver), secrets);
    const reported = options.failureOf?.(result);
    if (reported === undefined) succeeded = true;
    else {
      errorCode = reported.code;
      errorMessage = reported.message;
      retryAfterMs = reported.retryAfterMs;
      instanceType = reported.instanceType ?? instanceType;
    }
    return result;
  } catch (thrown) {
    // Whatever the provider threw once the budget ended (an AbortError, a timeout) means the same.
    const error = signal?.aborted ? budgetOver() : redactError(thrown, secrets);
    errorCode = OhfError.isInstance(error) ? error.code : 'INTERNAL';
    errorMessage = error.message;
    retryAfterMs = OhfError.isInstance(error) ? error.retryAfterMs : undefined;
    throw error;
  } finally {
    context.selector.endOperation(providerInstance, operation);
    const latencyMs = Math.max(0, context.monotonicNow() - startedAt);
    context.selector.recordOutcome({
      providerInstance,
      operation,
      success: succeeded,
      latencyMs,
      ...(errorCode === undefined ? {} : { errorCode }),
      ...(errorMessage === undefined ? {} : { errorMessage }),
      ...(options.providerApi === undefined ? {} : { providerApi: options.providerApi }),
      ...(instanceType === undefined ? {} : { instanceType }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    const labels = { provider_instance: providerInstance, operation };
    context.metrics.observe(APPLICATION_METRICS.providerCallDurationMs, latencyMs, labels);
    context.metrics.increment(APPLICATION_METRICS.providerCallsTotal, {
      ...labels,
      outcome: succeeded ? 'success' : 'error',
      code: errorCode ?? '',
    });
  }
}

/**
 * A copy of a v1 result with its free texts redacted: `failures[].message` (create, terminate),
 * `message` (health) and `errors[].message` / `warnings[].message` (validation). Machines, tags
 * and ids are data, not text a cloud writes, and are left as they are.
 */
function redactReportedTexts<Result>(result: Result, secrets: readonly string[]): Result {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) return result;
  const fields = result as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  if (typeof fields['message'] === 'string') changed['message'] = redactSecrets(fields['message'], secrets);
  for (const list of ['failures', 'errors', 'warnings']) {
    const entries = fields[list];
    if (!Array.isArray(entries)) continue;
    changed[list] = entries.map((entry: unknown) =>
      entry !== null && typeof entry === 'object' && typeof (entry as { message?: unknown }).message === 'string'
        ? { ...entry, message: redactSecrets((entry as { message: string }).message, secrets) }
        : entry,
    );
  }
  return Object.keys(changed).length === 0 ? result : ({ ...fields, ...changed } as Result);
}
