import { ProviderSdkError } from '../../errors/provider-errors.js';
import type { ProviderTemplateV1 } from '../v1/provider-template-v1.js';
import type { CatalogReader, CloudCall } from '../compute-provider-adapter.js';
import type { CallOptionsV1, HealthCheckResultV1, TemplateValidationResultV1 } from '../v1/compute-provider-v1.js';
import { pricingMessage } from './create-instances.js';
import type { SkeletonRuntime } from './skeleton-runtime.js';

/**
 * One cheap authenticated call, never retried. A throttled cloud (429) is reachable and
 * authorised, only busy: `degraded`. Missing or rejected credentials, a refused permission or
 * an unreachable or failing cloud: `unhealthy`. Never throws for the cloud's answer.
 */
export async function checkHealth(runtime: SkeletonRuntime, options: CallOptionsV1): Promise<HealthCheckResultV1> {
  const startedAt = runtime.now();
  const call: CloudCall = options.signal ? { signal: options.signal } : {};
  const finished = (): { latencyMs: number; checkedAt: string } => {
    const at = runtime.now();
    return { latencyMs: Math.max(0, at - startedAt), checkedAt: new Date(at).toISOString() };
  };
  try {
    const probe = await runtime.run('healthCheck', (cloud) => runtime.adapter.checkHealth(cloud, call));
    return {
      status: probe.status ?? 'healthy',
      ...finished(),
      ...(probe.message === undefined ? {} : { message: probe.message }),
      details: { ...probe.details },
    };
  } catch (thrown) {
    const error = runtime.normalize(thrown, 'healthCheck');
    return {
      status: error.code === 'RATE_LIMIT_EXCEEDED' ? 'degraded' : 'unhealthy',
      ...finished(),
      message: error.message,
      details: { ...runtime.adapter.healthDetails, code: error.code, retryable: error.retryable },
    };
  }
}

/**
 * Every problem of a template, each naming its field: the pricing model and API against the
 * capabilities, the adapter's options schema, then the adapter's own checks (catalog). A
 * catalog that cannot be read is a warning: the template may still be fine.
 */
export async function validateTemplate(
  runtime: SkeletonRuntime,
  template: ProviderTemplateV1,
  catalog: CatalogReader,
): Promise<TemplateValidationResultV1> {
  const { adapter, capabilities } = runtime;
  const errors: TemplateValidationResultV1['errors'] = [];
  const warnings: TemplateValidationResultV1['warnings'] = (adapter.templateWarnings?.(template) ?? []).map((warning) => ({
    ...(warning.feature === undefined ? {} : { field: warning.feature }),
    message: warning.message,
  }));
  if (template.priceType !== undefined && !capabilities.pricingModels.includes(template.priceType)) {
    errors.push({ field: 'priceType', message: pricingMessage(runtime, template.priceType), code: 'PRICING_MODEL_UNSUPPORTED' });
  }
  if (template.providerApi !== undefined && !capabilities.apis.includes(template.providerApi)) {
    errors.push({
      field: 'providerApi',
      message: `${adapter.displayName} provisions through ${capabilities.apis.join(', ')}, not "${template.providerApi}"`,
      code: 'API_NOT_SUPPORTED',
    });
  }
  let plan: { plan: unknown } | undefined;
  try {
    plan = adapter.planTemplate(template, runtime.settings) as { plan: unknown };
  } catch (error) {
    if (!ProviderSdkError.isInstance(error)) throw error;
    const issues = error.details['issues'] as { field: string; message: string }[] | undefined;
    if (issues?.length) errors.push(...issues.map((issue) => ({ field: issue.field, message: issue.message, code: error.code })));
    else errors.push({ field: error.field ?? `providerOptions.${adapter.providerId}`, message: error.message, code: error.code });
  }
  if (plan && adapter.checkTemplate) {
    try {
      const checked = await adapter.checkTemplate(plan.plan, catalog, template);
      errors.push(...checked.errors);
      warnings.push(...checked.warnings);
    } catch (thrown) {
      const error = runtime.normalize(thrown, 'validateTemplate');
      warnings.push({ message: `The template could not be checked against the ${adapter.displayName} catalog: ${error.message}` });
    }
  }
  return { errors, warnings };
}
