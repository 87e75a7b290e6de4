import { OhfError, type Template } from '@ohf/domain-core';
import {
  type CandidatePrices,
  parseSelectionCriteria,
  SelectionDecisionSchema,
  TRANSIENT_SKIP_REASONS,
  type SelectionCriteria,
  type SelectionDecision,
  type SelectionEngine,
  type SelectionExplanation,
  type TemplateSelectionInput,
} from '@ohf/selection-engine';
import type {
  ChooseInput,
  NoCandidateNow,
  ProviderCallOutcome,
  ProviderChoice,
  ProviderSelector,
  ProvisionFailure,
} from '../orchestration/provider-selector.js';

/** Selection errors that mean "nobody can take this now", as opposed to a broken request. */
const NO_CANDIDATE_CODES: ReadonlySet<string> = new Set([
  'NO_COMPATIBLE_PROVIDER',
  'NO_ENABLED_PROVIDERS',
  'PROVIDER_DISABLED',
  'PROVIDER_NOT_FOUND',
]);

/** The orchestration's view of provider selection, over the selection engine. */
export class SelectionEngineSelector implements ProviderSelector {
  constructor(private readonly engine: SelectionEngine) {}

  choose(input: ChooseInput): ProviderChoice {
    const decision = this.engine.resolveForTemplate(templateInputOf(input.template, input), {
      criteria: criteriaOf(input),
      explain: true,
      ...(input.dryRun === true ? { dryRun: true } : {}),
      ...selectionOptionsOf(input),
    });
    return choiceOf(decision, input.template);
  }

  tryChoose(input: ChooseInput): ProviderChoice | undefined {
    try {
      return this.choose(input);
    } catch (error) {
      if (OhfError.isInstance(error) && NO_CANDIDATE_CODES.has(error.code)) return undefined;
      throw error;
    }
  }

  failover(previous: ProviderChoice, failure: ProvisionFailure, input: ChooseInput): ProviderChoice | undefined {
    const stored = SelectionDecisionSchema.safeParse(previous.decision);
    if (!stored.success) return this.tryChoose(input);
    let decision: SelectionDecision;
    try {
      decision = this.engine.failover(
        stored.data as SelectionDecision,
        {
          errorCode: failure.code,
          message: failure.message,
          ...(failure.providerApi === undefined ? {} : { api: failure.providerApi }),
          ...(failure.instanceType === undefined ? {} : { instanceType: failure.instanceType }),
          ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
        },
        selectionOptionsOf(input),
      );
    } catch (error) {
      if (OhfError.isInstance(error) && NO_CANDIDATE_CODES.has(error.code)) return undefined;
      throw error;
    }
    // The chain does not know what this request excluded in earlier calls; a fresh selection does.
    if (input.exclude?.includes(decision.instance)) return this.tryChoose(input);
    return choiceOf(decision, input.template);
  }

  hasCandidates(input: ChooseInput): boolean {
    try {
      this.engine.resolveForTemplate(templateInputOf(input.template, input), {
        criteria: criteriaOf(input),
        explain: true,
        dryRun: true,
        ...selectionOptionsOf(input),
      });
      return true;
    } catch (error) {
      if (!OhfError.isInstance(error) || !NO_CANDIDATE_CODES.has(error.code)) throw error;
      const explanation = error.details?.['explanation'] as SelectionExplanation | undefined;
      if (explanation === undefined) return false;
      // A candidate skipped only for reasons that lapse by themselves (open circuit, capacity
      // block, unhealthy with a retry time) may take the request later.
      return explanation.steps.some((step) =>
        step.candidates.some(
          (candidate) =>
            candidate.skipped.length > 0 &&
            candidate.skipped.every((detail) => TRANSIENT_SKIP_REASONS.has(detail.reason) && detail.until !== null),
        ),
      );
    }
  }

  whyNoneNow(input: ChooseInput): NoCandidateNow | undefined {
    try {
      this.engine.resolveForTemplate(templateInputOf(input.template, input), { criteria: criteriaOf(input), explain: true, dryRun: true, ...selectionOptionsOf(input) });
      return undefined;
    } catch (error) {
      if (!OhfError.isInstance(error) || !NO_CANDIDATE_CODES.has(error.code)) throw error;
      const explanation = error.details?.['explanation'] as SelectionExplanation | undefined;
      const blocked = new Map<string, { providerInstance: string; reason: string; until: string }>();
      for (const candidate of explanation?.steps.flatMap((step) => step.candidates) ?? []) {
        const lapsing = candidate.skipped.length > 0 && candidate.skipped.every((detail) => TRANSIENT_SKIP_REASONS.has(detail.reason) && detail.until !== null);
        if (!lapsing || blocked.has(candidate.instance)) continue;
        blocked.set(candidate.instance, {
          providerInstance: candidate.instance,
          reason: candidate.skipped.map((detail) => detail.message.replace(`${candidate.instance}: `, '')).join('; '),
          until: candidate.skipped.map((detail) => detail.until!).sort().at(-1)!,
        });
      }
      return { message: error.message, blocked: [...blocked.values()] };
    }
  }

  recordOutcome(outcome: ProviderCallOutcome): void {
    this.engine.recordOutcome(outcome.providerInstance, {
      operation: outcome.operation,
      success: outcome.success,
      latencyMs: outcome.latencyMs,
      ...(outcome.errorCode === undefined ? {} : { errorCode: outcome.errorCode }),
      ...(outcome.errorMessage === undefined ? {} : { errorMessage: outcome.errorMessage }),
      ...(outcome.providerApi === undefined ? {} : { api: outcome.providerApi }),
      ...(outcome.instanceType === undefined ? {} : { instanceType: outcome.instanceType }),
      ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
    });
  }

  beginOperation(providerInstance: string, operation: string): void {
    this.engine.beginOperation(providerInstance, operation);
  }

  endOperation(providerInstance: string, operation: string): void {
    this.engine.endOperation(providerInstance, operation);
  }
}

/** The template as selection reads it, with the caller's preference on top. */
function templateInputOf(template: Template, input: ChooseInput): TemplateSelectionInput {
  const preference = input.preference;
  const providerName = preference?.instance ?? (preference?.type === undefined ? template.providerName : undefined);
  const providerType = preference?.type ?? template.providerType;
  return {
    templateId: template.templateId,
    ...(providerName === undefined ? {} : { providerName }),
    ...(providerType === undefined ? {} : { providerType }),
    ...(template.providerApi === undefined ? {} : { providerApi: template.providerApi }),
    ...(template.vmType === undefined ? {} : { vmType: template.vmType }),
    ...(template.vmTypes === undefined ? {} : { vmTypes: template.vmTypes }),
  };
}

function criteriaOf(input: ChooseInput): SelectionCriteria | undefined {
  const criteria = input.criteria === undefined ? undefined : parseSelectionCriteria(input.criteria);
  const exclude = input.exclude ?? [];
  if (exclude.length === 0) return criteria;
  return { ...criteria, excludeStrategies: [...new Set([...(criteria?.excludeStrategies ?? []), ...exclude])] };
}

function selectionOptionsOf(input: ChooseInput): { prices?: CandidatePrices; allowedInstances?: ReadonlySet<string> } {
  return {
    ...(input.prices === undefined ? {} : { prices: input.prices }),
    ...(input.allowedInstances === undefined ? {} : { allowedInstances: input.allowedInstances }),
  };
}

function choiceOf(decision: SelectionDecision, template: Template): ProviderChoice {
  const providerApi = decision.api ?? template.providerApi;
  return {
    providerInstance: decision.instance,
    providerType: decision.providerType,
    ...(providerApi === undefined || providerApi === null ? {} : { providerApi }),
    decision,
  };
}
