import { instanceTypesOf } from '@ohf/domain-core';
import { CandidatePricesSchema, type CandidatePrices } from '../config/candidate-price.js';
import { capacityBlockKindOf } from '../config/capacity-block-kind.js';
import { parseInput } from '../config/parse-input.js';
import { resolveSelectionCriteria, SelectionCriteriaSchema, type SelectionCriteria } from '../config/selection-criteria.js';
import { CIRCUIT_PROBE } from '../health/circuit-breaker.js';
import { compileQuery, type CompiledQuery } from './compiled-query.js';
import { blockForFailure } from './engine-capacity-blocks.js';
import type { EngineCore } from './engine-core.js';
import { emptyPool, type EngineSnapshot, type InstanceEntry, type Pool } from './engine-snapshot.js';
import type { SelectionContext } from './selection-context.js';
import {
  SelectionDecisionSchema,
  type FailoverRecord,
  type ResolutionMode,
  type SelectionDecision,
  type SelectionRoute,
} from './selection-decision.js';
import type { FailureInput, ResolveOptions, SelectOptions, TemplateSelectionInput } from './selection-engine-inputs.js';
import { providerDisabled, providerNotFound, providerTypeNotFound } from './selection-errors.js';
import type { ExplanationStep, SelectionExplanation } from './selection-explanation.js';
import { exhaustedError, explainDecision } from './selection-summary.js';
import { explainFallback, explainPool, selectFromFallback, selectFromPool } from './selection-step.js';

function queryFor(snapshot: EngineSnapshot, criteria: SelectionCriteria | undefined): CompiledQuery {
  if (criteria === undefined) return snapshot.defaultQuery;
  const cached = snapshot.queryCache.get(criteria);
  if (cached !== undefined) return cached;
  const parsed = parseInput(SelectionCriteriaSchema, criteria, 'selection criteria');
  const compiled = compileQuery(resolveSelectionCriteria(snapshot.settings.criteria, parsed));
  snapshot.queryCache.set(criteria, compiled);
  return compiled;
}

function contextFor(
  snapshot: EngineSnapshot,
  query: CompiledQuery,
  nowMs: number,
  api: string | undefined,
  instanceTypes: readonly string[] | undefined,
  providerType: string | undefined,
  tried: ReadonlySet<string> | undefined,
  prices: CandidatePrices | undefined,
  allowed: ReadonlySet<string> | undefined = undefined,
): SelectionContext {
  const policy = snapshot.settings.policy;
  return {
    snapshot,
    policy,
    query,
    api,
    instanceTypes,
    providerType,
    tried,
    prices,
    allowed,
    nowMs,
    requireHealthy: query.requireHealthy || policy === 'HEALTH_BASED',
  };
}

/**
 * Chooses an instance among all configured ones by the policy and criteria
 * (`selectProviderStrategy`). Throws NO_ENABLED_PROVIDERS or NO_COMPATIBLE_PROVIDER, with
 * the explanation in the error details, when none qualifies.
 */
export function select(core: EngineCore, criteria?: SelectionCriteria, options: SelectOptions = {}): SelectionDecision {
  const snapshot = core.current;
  const nowMs = core.nowMs();
  const query = queryFor(snapshot, criteria);
  const context = contextFor(snapshot, query, nowMs, options.api, options.instanceTypes, undefined, undefined, pricesOf(options.prices), options.allowedInstances);
  return decide(core, context, snapshot.criteriaRoute, 'criteria', options.explain === true, options.dryRun === true, 'the selection criteria');
}

/**
 * Resolves the instance for a template: `providerName` (that instance; PROVIDER_NOT_FOUND /
 * PROVIDER_DISABLED when it is missing or disabled), else `providerType` (balanced among the
 * type's instances by the policy), else `providerApi` (instances declaring that API), else
 * the defaults (`defaults.providerInstance`, then `defaults.providerType`, else all instances).
 * The fallback list follows when those candidates are all unusable.
 */
export function resolveForTemplate(core: EngineCore, template: TemplateSelectionInput, options: ResolveOptions = {}): SelectionDecision {
  const snapshot = core.current;
  const nowMs = core.nowMs();
  const query = queryFor(snapshot, options.criteria);
  const api = template.providerApi;
  const typeNames = Object.keys(instanceTypesOf(template));
  const instanceTypes = typeNames.length === 0 ? undefined : typeNames;
  const useFallback = options.useFallback ?? true;
  const subject = template.templateId === undefined ? 'the template' : `template ${template.templateId}`;
  const allowed = options.allowedInstances;
  const visible = allowed === undefined ? snapshot.instances : snapshot.instances.filter((instance) => allowed.has(instance.name));
  let route: SelectionRoute;
  let mode: ResolutionMode;
  if (template.providerName !== undefined) {
    const entry = snapshot.byName.get(template.providerName);
    if (entry === undefined || (allowed !== undefined && !allowed.has(entry.name))) {
      throw providerNotFound(template.providerName, visible.map((instance) => instance.name));
    }
    if (!entry.enabled) {
      throw providerDisabled(
        template.providerName,
        visible.filter((instance) => instance.enabled).map((instance) => instance.name),
      );
    }
    route = { pools: [`instance:${entry.name}`], providerType: template.providerType ?? entry.type, useFallback };
    mode = 'explicit';
  } else if (template.providerType !== undefined) {
    if (!snapshot.pools.has(`type:${template.providerType}`) || !visible.some((instance) => instance.type === template.providerType)) {
      throw providerTypeNotFound(
        template.providerType,
        [...new Set(visible.map((instance) => instance.type))],
        visible.map((instance) => instance.name),
      );
    }
    route = { pools: [`type:${template.providerType}`], providerType: template.providerType, useFallback };
    mode = 'provider_type';
  } else if (api !== undefined) {
    route = { pools: [`capability:${api}`], providerType: null, useFallback };
    mode = 'provider_api';
  } else {
    route = useFallback ? snapshot.defaultRoute : { ...snapshot.defaultRoute, useFallback: false };
    mode = 'default';
  }
  const context = contextFor(snapshot, query, nowMs, api, instanceTypes, route.providerType ?? undefined, undefined, pricesOf(options.prices), allowed);
  return decide(core, context, route, mode, options.explain === true, options.dryRun === true, subject);
}

/**
 * The next candidate after `decision`'s instance failed: blocks capacity when the error calls
 * for it, then looks through the rest of the decision's candidates (policy order) and the
 * fallback list, skipping tried, blocked and open-circuit instances. The new decision always
 * carries an explanation. Throws NO_COMPATIBLE_PROVIDER / NO_ENABLED_PROVIDERS when the chain
 * is exhausted. `decision` may come back from JSON.
 */
export function failover(
  core: EngineCore,
  decision: SelectionDecision,
  failure: FailureInput,
  options: { readonly dryRun?: boolean; readonly prices?: CandidatePrices; readonly allowedInstances?: ReadonlySet<string> } = {},
): SelectionDecision {
  const previous = parseInput(SelectionDecisionSchema, decision, 'selection decision');
  const snapshot = core.current;
  const nowMs = core.nowMs();
  const kind = capacityBlockKindOf(failure.errorCode);
  if (kind !== undefined) {
    blockForFailure(core, snapshot, previous.instance, kind, failure.api ?? previous.api ?? undefined, failure.instanceType, failure.retryAfterMs, failure.message, nowMs);
  }
  const tried = previous.tried.includes(previous.instance) ? previous.tried : [...previous.tried, previous.instance];
  const query = compileQuery(Object.freeze({ ...previous.criteria }));
  const context = contextFor(
    snapshot,
    query,
    nowMs,
    previous.api ?? undefined,
    previous.instanceTypes ?? undefined,
    previous.route.providerType ?? undefined,
    new Set(tried),
    // Prices known now, else those the first choice was made with: the chain keeps price order.
    pricesOf(options.prices) ?? previous.prices ?? undefined,
    options.allowedInstances,
  );
  const subject = `failover after ${previous.instance} failed with ${failure.errorCode}`;
  return decideExplained(core, context, previous.route, previous.mode, options.dryRun === true, subject, {
    attempt: previous.attempt + 1,
    tried,
    failover: { from: previous.instance, errorCode: failure.errorCode },
  });
}

/** Prices as given, validated (they come from the caller's catalog); undefined when none were given. */
function pricesOf(prices: CandidatePrices | undefined): CandidatePrices | undefined {
  return prices === undefined ? undefined : parseInput(CandidatePricesSchema, prices, 'candidate prices');
}

function poolFor(snapshot: EngineSnapshot, key: string): Pool {
  return key === 'all' ? snapshot.allPool : (snapshot.pools.get(key) ?? emptyPool(key));
}

function decide(
  core: EngineCore,
  context: SelectionContext,
  route: SelectionRoute,
  mode: ResolutionMode,
  explain: boolean,
  dryRun: boolean,
  subject: string,
): SelectionDecision {
  if (explain) return decideExplained(core, context, route, mode, dryRun, subject, undefined);
  const snapshot = context.snapshot;
  const pools = route.pools;
  for (let index = 0; index < pools.length; index += 1) {
    const pool = poolFor(snapshot, pools[index]!);
    const position = selectFromPool(pool, context, dryRun, core.random, core.epoch, core.metricsEpoch);
    if (position !== -1) return finish(core, pool.entries[position]!, pool.key, context, route, mode, dryRun, undefined, null);
  }
  if (route.useFallback && snapshot.settings.fallback.length > 0) {
    const entry = selectFromFallback(context);
    if (entry !== undefined) return finish(core, entry, 'fallback', context, route, mode, dryRun, undefined, null);
  }
  // Nothing qualified: redo it with explanations (touching no state) to build the error.
  return decideExplained(core, context, route, mode, true, subject, undefined);
}

function decideExplained(
  core: EngineCore,
  context: SelectionContext,
  route: SelectionRoute,
  mode: ResolutionMode,
  dryRun: boolean,
  subject: string,
  chain: { attempt: number; tried: readonly string[]; failover: FailoverRecord } | undefined,
): SelectionDecision {
  const snapshot = context.snapshot;
  const steps: ExplanationStep[] = [];
  let chosen: InstanceEntry | undefined;
  let source = '';
  for (const key of route.pools) {
    const pool = poolFor(snapshot, key);
    const { position, step } = explainPool(pool, context, dryRun, core.random);
    steps.push(step);
    if (position !== -1) {
      chosen = pool.entries[position]!;
      source = pool.key;
      break;
    }
  }
  if (chosen === undefined && route.useFallback && snapshot.settings.fallback.length > 0) {
    const { entry, step } = explainFallback(context);
    steps.push(step);
    if (entry !== undefined) {
      chosen = entry;
      source = 'fallback';
    }
  }
  const explanation = explainDecision(context, mode, steps, chosen, source, subject, chain?.failover ?? null);
  if (chosen === undefined) throw exhaustedError(context, mode, explanation, subject, chain?.tried);
  return finish(core, chosen, source, context, route, mode, dryRun, chain, explanation);
}

function finish(
  core: EngineCore,
  entry: InstanceEntry,
  source: string,
  context: SelectionContext,
  route: SelectionRoute,
  mode: ResolutionMode,
  dryRun: boolean,
  chain: { attempt: number; tried: readonly string[]; failover: FailoverRecord } | undefined,
  explanation: SelectionExplanation | null,
): SelectionDecision {
  const runtime = entry.runtime;
  if (!dryRun && runtime.breaker.state !== 'closed' && runtime.breaker.admission(context.nowMs, context.snapshot.recoveryMs) === CIRCUIT_PROBE) {
    runtime.breaker.claimProbe(context.nowMs);
    core.epoch += 1;
  }
  const instanceTypes = context.instanceTypes;
  return {
    instance: entry.name,
    providerType: entry.type,
    policy: context.policy,
    mode,
    source,
    attempt: chain === undefined ? 1 : chain.attempt,
    tried: chain === undefined ? [entry.name] : [...chain.tried, entry.name],
    route,
    criteria: context.query.criteria,
    api: context.api ?? null,
    instanceTypes: instanceTypes ?? null,
    availableInstanceTypes:
      instanceTypes === undefined ? null : runtime.blocks.unblockedTypes(context.api, instanceTypes, context.nowMs),
    failover: chain === undefined ? null : chain.failover,
    prices: context.prices ?? null,
    explanation,
  };
}
