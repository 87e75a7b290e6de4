import { mapWithConcurrency } from '../../concurrency/map-with-concurrency.js';
import { ProviderSdkError, ProviderValidationError } from '../../errors/provider-errors.js';
import { retryWithBackoff } from '../../retry/retry-with-backoff.js';
import { redactError, redactValue } from '../../secrets/redact-error.js';
import { OHF_TAG_KEYS } from '../../tags/ohf-tag-keys.js';
import type { ProviderTemplateV1 } from '../v1/provider-template-v1.js';
import type { CloudCall, CreateBatch, TemplatePlan } from '../compute-provider-adapter.js';
import type {
  CallOptionsV1,
  CreateInstancesRequestV1,
  CreateInstancesResultV1,
  FailureV1,
  InstanceV1,
  ProviderErrorCodeV1,
} from '../v1/compute-provider-v1.js';
import type { SkeletonRuntime } from './skeleton-runtime.js';

/** After one of these, the batches not yet sent would fail the same way: they are not sent. */
const STOPS_FURTHER_CREATES: ReadonlySet<ProviderErrorCodeV1> = new Set([
  'MISSING_CREDENTIALS',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'VALIDATION_ERROR',
  'PRICING_MODEL_UNSUPPORTED',
  'QUOTA_EXCEEDED',
  'INSUFFICIENT_CAPACITY',
  'INSTANCE_LIMIT_EXCEEDED',
]);

/** Answers about the offering: selection fails over on them, so they are results, not exceptions. */
const REPORTED_WHEN_NOTHING_PLACED: ReadonlySet<ProviderErrorCodeV1> = new Set([
  'INSUFFICIENT_CAPACITY',
  'QUOTA_EXCEEDED',
  'INSTANCE_LIMIT_EXCEEDED',
]);

/** A machine counts towards a request until it is on its way out. */
export function isLive(instance: InstanceV1): boolean {
  return instance.state !== 'terminated' && instance.state !== 'shutting_down';
}

/** The template's pricing model against the capabilities: PRICING_MODEL_UNSUPPORTED before any call. */
export function assertPricingModel(runtime: SkeletonRuntime, template: ProviderTemplateV1): void {
  const priceType = template.priceType;
  if (priceType === undefined || runtime.capabilities.pricingModels.includes(priceType)) return;
  throw new ProviderSdkError('PRICING_MODEL_UNSUPPORTED', pricingMessage(runtime, priceType), {
    providerId: runtime.adapter.providerId,
    field: 'priceType',
    retryable: false,
  });
}

export function pricingMessage(runtime: SkeletonRuntime, priceType: string): string {
  return `${runtime.adapter.displayName} has no ${priceType} pricing; use ${runtime.capabilities.pricingModels.join(' or ')}`;
}

/**
 * Idempotent create: on a later try (`attempt` > 1) the machines already tagged with this
 * request on this instance count towards `count`; only the shortfall is created, in batches of `maxInstancesPerCall`. A create
 * is repeated only after a 429 (the cloud did not act on it). When nothing could be placed, a
 * capacity or quota answer is returned as failures and any other error is thrown.
 */
export async function createInstances(
  runtime: SkeletonRuntime,
  request: CreateInstancesRequestV1,
  options: CallOptionsV1,
): Promise<CreateInstancesResultV1> {
  const { adapter, settings, capabilities } = runtime;
  if (!Number.isInteger(request.count) || request.count < 1) {
    throw new ProviderValidationError(`count must be a whole number of machines (1 or more), got ${request.count}`, {
      providerId: adapter.providerId,
      field: 'count',
    });
  }
  assertPricingModel(runtime, request.template);
  const templatePlan = adapter.planTemplate(request.template, settings) as TemplatePlan<unknown>;
  const tags = requestTags(runtime, request);
  const ownership = {
    [OHF_TAG_KEYS.requestId]: tags[OHF_TAG_KEYS.requestId] as string,
    [OHF_TAG_KEYS.providerInstance]: tags[OHF_TAG_KEYS.providerInstance] as string,
  };
  const secrets: string[] = [];
  const batchesFor = (shortfall: number, firstIndex: number): CreateBatch<unknown>[] => {
    const batches: CreateBatch<unknown>[] = [];
    for (let done = 0; done < shortfall; done += capabilities.maxInstancesPerCall) {
      const count = Math.min(capabilities.maxInstancesPerCall, shortfall - done);
      batches.push({ plan: templatePlan.plan, request, tags, firstIndex: firstIndex + done, count, secrets });
    }
    return batches;
  };
  const warnings = adapter.templateWarnings?.(request.template) ?? [];
  const call: CloudCall = options.signal ? { signal: options.signal } : {};

  if (adapter.createRequest) {
    const createRequest = adapter.createRequest;
    const creation = { plan: templatePlan.plan, request, tags, secrets };
    const result = await runtime.run('createInstances', (cloud) => createRequest(cloud, creation, { ...call, dryRun: options.dryRun === true }));
    // The adapter built this answer itself: neither the credentials nor generated values may surface in it.
    const hidden = [...runtime.secrets, ...secrets];
    const safe = hidden.length === 0 ? result : (redactValue(result, hidden) as CreateInstancesResultV1);
    return warnings.length === 0 ? safe : { ...safe, warnings: [...warnings, ...(safe.warnings ?? [])] };
  }
  const createBatch = adapter.createBatch;
  const plannedCreate = adapter.plannedCalls.createBatch;
  if (!createBatch || !plannedCreate) throw new TypeError(`${adapter.displayName} adapter has neither createRequest nor createBatch`);

  // Only a later try (a retry, or a request resumed after an interruption) can find machines of
  // its own: on the first try nothing carries the request's tags yet, and a tag-filtered listing
  // grows with the account. (An interrupted first try that the application repeats under the same
  // number was looked up by tag by the application itself just before.)
  const mayHaveMachines = (request.attempt ?? 1) > 1;
  if (options.dryRun) {
    const plannedCalls = [
      ...(mayHaveMachines ? [adapter.plannedCalls.listByTags(ownership, settings)] : []),
      ...batchesFor(request.count, 1).map((batch) => plannedCreate(batch, settings)),
    ];
    // Adapters plan generated secrets as redacted; this keeps any they missed out of the answer too.
    const safe = secrets.length === 0 ? plannedCalls : (redactValue(plannedCalls, secrets) as typeof plannedCalls);
    return { instances: [], failures: [], warnings, plannedCalls: safe };
  }

  const existing = mayHaveMachines ? (await runtime.run('findRequestInstances', (cloud) => adapter.listByTags(cloud, ownership, call))).filter(isLive) : [];
  const shortfall = Math.max(0, request.count - existing.length);
  const created: InstanceV1[] = [];
  const failed: { error: ProviderSdkError; count: number }[] = [];
  let stoppedBy: { error: ProviderSdkError; count: number } | undefined;

  await mapWithConcurrency(batchesFor(shortfall, existing.length + 1), runtime.limits.createConcurrency, async (batch) => {
    if (stoppedBy) {
      stoppedBy.count += batch.count;
      return;
    }
    try {
      created.push(...(await createBatchWithRetry(runtime, (cloud) => createBatch(cloud, batch, call), call)));
    } catch (thrown) {
      const error = redactError(runtime.normalize(thrown, 'createInstances'), secrets);
      const failure = { error, count: batch.count };
      failed.push(failure);
      if (STOPS_FURTHER_CREATES.has(error.code)) stoppedBy ??= failure;
      runtime.logger?.warn(
        { provider: adapter.providerId, instanceName: runtime.instanceName, operation: 'createInstances', code: error.code, error: error.message },
        `${adapter.displayName} create failed`,
      );
    }
  });

  const instances = [...existing, ...created];
  const [first] = failed;
  if (instances.length === 0 && first && !REPORTED_WHEN_NOTHING_PLACED.has(first.error.code)) throw first.error;
  if (created.length > 0) {
    runtime.logger?.info(
      { provider: adapter.providerId, instanceName: runtime.instanceName, requestId: request.requestId, created: created.length, existing: existing.length },
      `${adapter.displayName} machines created`,
    );
  }
  return {
    instances,
    failures: groupFailures(failed, templatePlan),
    warnings,
    providerMetadata: { existingCount: existing.length, createdCount: created.length },
  };
}

/** Template tags, then the OHF ownership tags, then the request's own tags (which win). */
function requestTags(runtime: SkeletonRuntime, request: CreateInstancesRequestV1): Record<string, string> {
  return {
    ...request.template.instanceTags,
    [OHF_TAG_KEYS.requestId]: request.requestId,
    [OHF_TAG_KEYS.templateId]: request.template.templateId,
    [OHF_TAG_KEYS.providerInstance]: runtime.instanceName,
    ...request.tags,
  };
}

async function createBatchWithRetry(
  runtime: SkeletonRuntime,
  create: (cloud: unknown) => Promise<InstanceV1[]>,
  call: CloudCall,
): Promise<InstanceV1[]> {
  return retryWithBackoff(() => runtime.run('createInstances', create), {
    ...runtime.limits.createRetry,
    sleep: runtime.sleep,
    random: runtime.random,
    // A 429 means the cloud did not act; any other failure may have created machines and is
    // left to the next (idempotent) attempt of the request.
    shouldRetry: (error) => ProviderSdkError.isInstance(error) && error.code === 'RATE_LIMIT_EXCEEDED',
    ...(call.signal ? { signal: call.signal } : {}),
  });
}

/** Failures with the same code and message become one, counting all the machines they cost. */
function groupFailures(failed: readonly { error: ProviderSdkError; count: number }[], plan: TemplatePlan<unknown>): FailureV1[] {
  const groups = new Map<string, FailureV1>();
  for (const { error, count } of failed) {
    const key = `${error.code}\u0000${error.message}`;
    const group = groups.get(key);
    if (group) {
      group.count += count;
      continue;
    }
    groups.set(key, {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      count,
      ...(plan.instanceType === undefined ? {} : { instanceType: plan.instanceType }),
      ...(plan.location === undefined ? {} : { location: plan.location }),
    });
  }
  return [...groups.values()];
}
