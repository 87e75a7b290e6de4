import { allowsCount, instanceTypesOf, type Template } from '@ohf/domain-core';
import type { ProviderCapabilitiesV1 } from '@ohf/provider-sdk';
import { resolveSources, sourceForPath, type SourcesProvider } from '../merge/field-source.js';
import { createProblem, type ProblemSeverity, type TemplateProblem, type TemplateRule } from './template-problem.js';

export interface ProviderInstanceIdentity {
  readonly name: string;
  readonly type: string;
}

export interface TemplateCheckOptions {
  /** What the provider instance can do; enables the API, pricing model and fleet type checks. */
  readonly capabilities?: ProviderCapabilitiesV1 | undefined;
  /** The instance the template is checked for; a template pinned elsewhere is a mismatch. */
  readonly providerInstance?: ProviderInstanceIdentity | undefined;
  /** Machines about to be requested: checked against maxNumber and instanceLimit. */
  readonly requestedCount?: number | undefined;
  /** Most machines the instance may run (a quota); maxNumber above it is a warning. */
  readonly instanceLimit?: number | undefined;
  /** The configured instances; names and types a template refers to must be among them. */
  readonly knownProviderInstances?: readonly ProviderInstanceIdentity[] | undefined;
}

/** APIs that launch machines without a fleet, where a fleetType means nothing. */
const FLEETLESS_APIS = new Set(['RunInstances', 'ASG']);

/**
 * Checks a built Template for contradictions and against a provider instance. Each problem
 * names the file that set the offending field (from the template's sources).
 */
export function checkTemplate(
  template: Template,
  sources: SourcesProvider,
  options: TemplateCheckOptions = {},
  fallbackFile?: string,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report = (rule: TemplateRule, field: string, message: string, severity?: ProblemSeverity): void => {
    problems.push(
      createProblem(rule, message, {
        file: sourceForPath(resolveSources(sources), field)?.file ?? fallbackFile,
        templateId: template.templateId,
        field,
        severity,
      }),
    );
  };

  if (template.vmType !== undefined && template.vmTypes !== undefined && Object.keys(template.vmTypes).length > 0) {
    report('conflicting-fields', 'vmTypes', 'Both vmType and vmTypes are set; vmTypes is used and vmType ignored.');
  }
  if (template.requirements !== undefined && Object.keys(instanceTypesOf(template)).length > 0) {
    report('conflicting-fields', 'requirements', 'Both requirements and vmType/vmTypes are set; requirements choose the plan and vmType/vmTypes are ignored.');
  }
  if (template.userData !== undefined && template.userDataScript !== undefined) {
    report('conflicting-fields', 'userDataScript', 'Both userData and userDataScript are set; keep one.');
  }
  if (template.percentOnDemand !== undefined && template.priceType !== 'heterogeneous') {
    report('conflicting-fields', 'percentOnDemand', 'percentOnDemand only applies when priceType is "heterogeneous".');
  }
  if (template.maxSpotPrice !== undefined && (template.priceType ?? 'ondemand') === 'ondemand') {
    report('conflicting-fields', 'maxSpotPrice', 'maxSpotPrice is ignored for on-demand templates.');
  }
  if (template.fleetType !== undefined && template.providerApi !== undefined) {
    if (FLEETLESS_APIS.has(template.providerApi)) {
      report('fleet-type-incompatible', 'fleetType', `fleetType "${template.fleetType}" has no meaning for ${template.providerApi}; remove it.`);
    } else if (template.providerApi === 'SpotFleet' && template.fleetType === 'instant') {
      report('fleet-type-incompatible', 'fleetType', 'SpotFleet supports fleetType "request" or "maintain", not "instant".');
    }
  }

  const known = options.knownProviderInstances;
  if (known !== undefined) {
    const pinned = template.providerName === undefined ? undefined : known.find((instance) => instance.name === template.providerName);
    if (template.providerName !== undefined && pinned === undefined) {
      report(
        'unknown-provider-instance',
        'providerName',
        `Provider instance "${template.providerName}" is not configured (configured: ${known.map((instance) => instance.name).join(', ') || 'none'}).`,
      );
    }
    if (template.providerType !== undefined && !known.some((instance) => instance.type === template.providerType)) {
      report('unknown-provider-type', 'providerType', `No provider instance of type "${template.providerType}" is configured.`);
    }
    if (pinned !== undefined && template.providerType !== undefined && pinned.type !== template.providerType) {
      report(
        'provider-mismatch',
        'providerType',
        `providerType "${template.providerType}" contradicts providerName "${pinned.name}", which is of type "${pinned.type}".`,
      );
    }
  }

  const target = options.providerInstance;
  if (target !== undefined) {
    if (template.providerName !== undefined && template.providerName !== target.name) {
      report('provider-mismatch', 'providerName', `The template is pinned to "${template.providerName}", not "${target.name}".`);
    }
    if (template.providerType !== undefined && template.providerType !== target.type) {
      report('provider-mismatch', 'providerType', `The template wants providerType "${template.providerType}"; "${target.name}" is "${target.type}".`);
    }
  }

  const capabilities = options.capabilities;
  const where = target === undefined ? 'the provider' : `"${target.name}"`;
  if (capabilities !== undefined) {
    if (template.providerApi !== undefined && !capabilities.apis.includes(template.providerApi)) {
      report(
        'api-not-supported',
        'providerApi',
        `${where} does not support providerApi "${template.providerApi}" (supported: ${capabilities.apis.join(', ')}).`,
      );
    }
    if (template.priceType !== undefined && !capabilities.pricingModels.includes(template.priceType)) {
      report(
        'pricing-model-unsupported',
        'priceType',
        `${where} does not offer priceType "${template.priceType}" (offered: ${capabilities.pricingModels.join(', ')}).`,
      );
    }
    if (template.fleetType !== undefined && !capabilities.fleetTypes.includes(template.fleetType)) {
      report(
        'fleet-type-incompatible',
        'fleetType',
        `${where} does not support fleetType "${template.fleetType}" (supported: ${capabilities.fleetTypes.join(', ') || 'none'}).`,
      );
    }
  }

  const requested = options.requestedCount;
  if (requested !== undefined && !allowsCount(template, requested)) {
    report('instance-limit-exceeded', 'maxNumber', `${requested} machines requested but the template allows at most ${template.maxNumber}.`);
  }
  const limit = options.instanceLimit;
  if (limit !== undefined) {
    if (requested !== undefined && requested > limit) {
      report('instance-limit-exceeded', 'maxNumber', `${requested} machines requested but ${where} allows at most ${limit}.`);
    } else if (template.maxNumber === -1 || template.maxNumber > limit) {
      report(
        'instance-limit-exceeded',
        'maxNumber',
        `maxNumber ${template.maxNumber === -1 ? 'is unlimited' : template.maxNumber} but ${where} allows at most ${limit} machines.`,
        'warning',
      );
    }
  }
  return problems;
}
