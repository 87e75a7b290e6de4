import { NotFoundError, OhfError, type Template } from '@ohf/domain-core';
import { TemplateValidationResultV1Schema, type ProviderCapabilitiesV1 } from '@ohf/provider-sdk';
import {
  VALIDATION_LEVELS,
  validateTemplate,
  type TemplateLoader,
  type TemplateProblem,
  type TemplateValidationResult,
  type ValidationLevel,
} from '@ohf/template-loader';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import type { ProviderInstanceDescriptor } from '../ports/provider-instances.js';
import { callProvider } from '../orchestration/provider-call.js';
import { PROVIDER_OPERATIONS } from '../orchestration/provider-operations.js';
import { toProviderTemplate } from '../orchestration/provider-template.js';
import { resolveTemplate } from '../catalog/plan-resolution.js';
import { requirementFindings, type RequirementFinding } from './requirement-findings.js';

export const ValidateTemplateSchema = z
  .object({
    type: z.literal('ValidateTemplate'),
    /** A stored template… */
    templateId: z.string().min(1).optional(),
    /** …or a template body in any accepted format (camelCase Host Factory, snake_case, domain). */
    template: z.record(z.string(), z.unknown()).optional(),
    /** STRICT (warnings fail), LENIENT (errors fail), BASIC (critical checks only); default from configuration. */
    level: z.enum(VALIDATION_LEVELS).optional(),
    /** Also check against this provider instance: API support, pricing, fleet type, and the provider's own checks. */
    providerInstance: z.string().min(1).optional(),
  })
  .refine((query) => query.templateId !== undefined || query.template !== undefined, {
    message: 'give templateId or template',
    path: ['templateId'],
  });
export type ValidateTemplateQuery = z.infer<typeof ValidateTemplateSchema>;

export interface ValidationFinding {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly file?: string;
  /** `template`: the template checks; `provider`: the provider instance's own checks. */
  readonly origin: 'template' | 'provider';
}

export interface ValidateTemplateResult {
  readonly templateId?: string;
  readonly valid: boolean;
  readonly level: ValidationLevel;
  readonly providerInstance?: string;
  readonly errors: readonly ValidationFinding[];
  readonly warnings: readonly ValidationFinding[];
}

export interface ValidateTemplateDependencies {
  readonly context: OrchestrationContext;
  readonly templateLoader?: TemplateLoader;
  readonly defaultLevel: ValidationLevel;
}

/**
 * Validates a stored template or a template body at a validation level, optionally against a
 * provider instance. Problems name the file, the template and the field path.
 */
export class ValidateTemplateHandler {
  constructor(private readonly dependencies: ValidateTemplateDependencies) {}

  async handle(query: ValidateTemplateQuery, handlerContext: Pick<HandlerContext, 'signal'> = {}): Promise<ValidateTemplateResult> {
    const { context, templateLoader } = this.dependencies;
    const level = query.level ?? this.dependencies.defaultLevel;
    const descriptors = await context.providers.list();
    const known = descriptors.map((instance) => ({ name: instance.name, type: instance.type }));
    const instance = query.providerInstance === undefined ? undefined : known.find((candidate) => candidate.name === query.providerInstance);
    if (query.providerInstance !== undefined && instance === undefined) {
      throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${query.providerInstance}" is not configured.`, {
        details: { provider_name: query.providerInstance, available_providers: known.map((candidate) => candidate.name) },
      });
    }
    let capabilities: ProviderCapabilitiesV1 | undefined;
    if (instance !== undefined) capabilities = (await context.providers.get(instance.name)).capabilities;
    const checks = {
      level,
      knownProviderInstances: known,
      ...(instance === undefined ? {} : { providerInstance: instance }),
      ...(capabilities === undefined ? {} : { capabilities }),
    };

    let result: TemplateValidationResult;
    if (query.template !== undefined) {
      result = validateTemplate(query.template, checks);
    } else if (templateLoader !== undefined && (await templateLoader.load()).byId.has(query.templateId!)) {
      result = await templateLoader.validate(query.templateId!, {
        level,
        ...(instance === undefined ? {} : { providerInstance: instance.name }),
        ...(capabilities === undefined ? {} : { capabilities }),
      });
    } else {
      const stored = await context.templates.findById(query.templateId!);
      if (stored === undefined) {
        throw new NotFoundError('TEMPLATE_NOT_FOUND', `Template "${query.templateId}" does not exist.`, { details: { templateId: query.templateId } });
      }
      result = validateTemplate(stored, checks);
    }

    const findings = result.problems.map((problem) => findingOf(problem));
    const declared = descriptors.find((descriptor) => descriptor.name === instance?.name);
    if (declared !== undefined && result.template !== undefined) {
      const undeclared = undeclaredApiFinding(result.template, declared, capabilities, findings);
      if (undeclared !== undefined) findings.push(undeclared);
    }
    let planFindings: RequirementFinding[] = [];
    if (result.template !== undefined) {
      planFindings = await requirementFindings(result.template, context.prices, descriptors, declared);
      findings.push(...planFindings.map((finding) => ({ ...finding, origin: 'template' as const })));
    }
    // The provider checks the template as it would receive it: requirements resolved to the plan.
    if (declared !== undefined && result.template !== undefined && planFindings.length === 0) {
      const { template } = await resolveTemplate(context.prices, result.template, { providerInstance: declared.name, providerType: declared.type });
      findings.push(...(await this.providerFindings(declared.name, template, level, handlerContext.signal)));
    }
    const errors = findings.filter((finding) => finding.severity === 'error');
    const templateId = result.template?.templateId ?? query.templateId ?? (typeof query.template?.['templateId'] === 'string' ? query.template['templateId'] : undefined);
    return {
      ...(templateId === undefined ? {} : { templateId }),
      valid: result.template !== undefined && errors.length === 0,
      level,
      ...(instance === undefined ? {} : { providerInstance: instance.name }),
      errors,
      warnings: findings.filter((finding) => finding.severity === 'warning'),
    };
  }

  /** The provider's own checks (images, sizes, regions, options); its warnings fail STRICT validation. */
  private async providerFindings(
    providerInstance: string,
    template: Template,
    level: ValidationLevel,
    signal: AbortSignal | undefined,
  ): Promise<ValidationFinding[]> {
    try {
      const raw = await callProvider(
        this.dependencies.context,
        providerInstance,
        PROVIDER_OPERATIONS.validateTemplate,
        (provider, call) => provider.validateTemplate(toProviderTemplate(template), call),
        signal === undefined ? {} : { signal },
      );
      const checked = TemplateValidationResultV1Schema.parse(raw);
      return [
        ...checked.errors.map((error) => ({
          severity: 'error' as const,
          code: error.code ?? 'VALIDATION_ERROR',
          message: error.message,
          field: error.field,
          origin: 'provider' as const,
        })),
        ...checked.warnings.map((warning) => ({
          severity: level === 'STRICT' ? ('error' as const) : ('warning' as const),
          code: 'VALIDATION_ERROR',
          message: warning.message,
          ...(warning.field === undefined ? {} : { field: warning.field }),
          origin: 'provider' as const,
        })),
      ];
    } catch (error) {
      return [
        {
          severity: 'error',
          code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
          message: `The provider instance could not validate the template: ${OhfError.isInstance(error) ? error.message : 'unexpected failure'}`,
          origin: 'provider',
        },
      ];
    }
  }
}

/**
 * Selection sends a template with a `providerApi` only to instances that declare that API in
 * their configured capabilities, whatever the provider itself could do: a template whose API
 * the instance does not declare can never run there. The instance's APIs are its declared
 * capabilities the provider supports (all of them when the provider's capabilities are unknown).
 */
function undeclaredApiFinding(
  template: Template,
  instance: ProviderInstanceDescriptor,
  capabilities: ProviderCapabilitiesV1 | undefined,
  findings: readonly ValidationFinding[],
): ValidationFinding | undefined {
  const api = template.providerApi;
  if (api === undefined || instance.capabilities.includes(api)) return undefined;
  // The provider itself does not support it: already reported, with what it does support.
  if (findings.some((finding) => finding.code === 'API_NOT_SUPPORTED' && finding.field === 'providerApi')) return undefined;
  const apis = capabilities === undefined ? instance.capabilities : instance.capabilities.filter((capability) => capabilities.apis.includes(capability));
  return {
    severity: 'error',
    code: 'API_NOT_SUPPORTED',
    message: `Provider instance "${instance.name}" does not declare the API "${api}" (its APIs: ${apis.length === 0 ? 'none' : apis.join(', ')}); add "${api}" to its capabilities in the configuration or validate against another instance.`,
    field: 'providerApi',
    origin: 'template',
  };
}

function findingOf(problem: TemplateProblem): ValidationFinding {
  return {
    severity: problem.severity,
    code: problem.code,
    message: problem.message,
    ...(problem.field === undefined ? {} : { field: problem.field }),
    ...(problem.file === undefined ? {} : { file: problem.file }),
    origin: 'template',
  };
}
