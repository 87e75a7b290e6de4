import { OhfError, ValidationError } from '@ohf/domain-core';
import type { FastifyRequest } from 'fastify';
import { callerOf, organizationOf } from '../auth/caller.js';
import { dispatchOptionsOf } from '../events/caller-of.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ProviderVisibility } from '../tenancy/provider-visibility.js';

/** The template a request body carries inline, in any format POST /templates accepts. */
export type InlineTemplateBody = Readonly<Record<string, unknown>>;

/** Where the body may name the template's provider instance (camelCase or snake_case). */
const PROVIDER_NAME_FIELDS = ['providerName', 'provider_name'] as const;

/** How many of a template's requests are searched for an idempotency key's original request. */
const REPLAY_SEARCH_LIMIT = 100;

export interface StoredInlineTemplate {
  readonly templateId: string;
  /** False when the template was already stored by the original call of this Idempotency-Key. */
  readonly created: boolean;
}

/**
 * Stores an inline template as the caller organization's own, through the same CreateTemplate
 * command POST /templates uses (so validation, the audit trail and ownership are the same),
 * and answers its templateId.
 *
 * A retry with the Idempotency-Key of a call that already stored it finds the template taken;
 * when that template's requests hold the key, the original call is being replayed and the
 * stored template is used as it is (the request is then replayed by RequestMachines).
 */
export async function storeInlineTemplate(
  request: FastifyRequest,
  dependencies: Pick<ApiDependencies, 'application'>,
  providerVisibility: ProviderVisibility,
  template: InlineTemplateBody,
  idempotencyKey: string | undefined,
): Promise<StoredInlineTemplate> {
  const { application } = dependencies;
  const organizationId = organizationOf(request);
  // Another organization's provider instance answers exactly as a missing one, before validation
  // (which knows every instance) could tell the two apart.
  for (const field of PROVIDER_NAME_FIELDS) {
    const name = template[field];
    if (typeof name === 'string') await providerVisibility.require(callerOf(request), name);
  }
  try {
    // Always the organization's own, a platform admin's too: requesting machines never publishes a platform template.
    const result = await application.dispatch({ type: 'CreateTemplate', organizationId, template, dryRun: false }, dispatchOptionsOf(request));
    return { templateId: result.template.templateId, created: true };
  } catch (error) {
    if (ValidationError.isInstance(error) && error.code === 'VALIDATION_ERROR') throw withinTemplateField(error);
    const templateId = templateIdOf(template);
    if (idempotencyKey !== undefined && templateId !== undefined && OhfError.isInstance(error) && error.code === 'CONFLICT') {
      if (await keyUsedWithTemplate(request, dependencies, templateId, idempotencyKey)) return { templateId, created: false };
    }
    throw error;
  }
}

/**
 * Deletes a template stored from a request body whose request was then refused, so a corrected
 * retry can use the same templateId and nothing is left of the refused call. A failure to delete
 * is logged and the request's own error still answers.
 */
export async function discardInlineTemplate(request: FastifyRequest, dependencies: Pick<ApiDependencies, 'application'>, templateId: string): Promise<void> {
  try {
    await dependencies.application.dispatch(
      { type: 'DeleteTemplate', organizationId: organizationOf(request), templateId, dryRun: false },
      dispatchOptionsOf(request),
    );
  } catch (error) {
    request.log.warn({ err: error, templateId }, 'the inline template of a refused request could not be deleted');
  }
}

function templateIdOf(template: InlineTemplateBody): string | undefined {
  const templateId = template['templateId'] ?? template['template_id'];
  return typeof templateId === 'string' ? templateId : undefined;
}

async function keyUsedWithTemplate(
  request: FastifyRequest,
  dependencies: Pick<ApiDependencies, 'application'>,
  templateId: string,
  idempotencyKey: string,
): Promise<boolean> {
  const page = await dependencies.application.dispatch(
    { type: 'ListRequests', organizationId: organizationOf(request), kind: 'acquire', templateId, limit: REPLAY_SEARCH_LIMIT, offset: 0 },
    { correlationId: request.id },
  );
  return page.items.some((item) => item.idempotencyKey === idempotencyKey);
}

/** The template's validation problems, each path placed under `body.template` where the caller sent it. */
function withinTemplateField(error: ValidationError): ValidationError {
  const issues = Array.isArray(error.details['issues']) ? (error.details['issues'] as readonly { path?: unknown }[]) : [];
  const placed = issues.map((issue) => ({
    ...issue,
    path: typeof issue.path === 'string' && issue.path !== '' ? `body.template.${issue.path}` : 'body.template',
  }));
  return new ValidationError(`Invalid request: body.template: ${error.message}`, {
    details: { ...error.details, issues: placed },
    cause: error,
  });
}
