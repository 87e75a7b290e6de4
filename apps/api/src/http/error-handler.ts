import { BusinessRuleError, OhfError, toErrorEnvelope, type ErrorCode, type ErrorEnvelope } from '@ohf/domain-core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { HTTP_STATUS_OF_CODE } from './error-status.js';

export interface FieldIssue {
  /** Where in the request: `body.maxNumber`, `query.limit`, `params.id`, `headers.idempotency-key`. */
  readonly path: string;
  readonly message: string;
}

interface ErrorResponse {
  readonly status: number;
  readonly envelope: ErrorEnvelope;
  readonly retryAfterMs?: number;
}

/**
 * Every error leaves as `{"error":{"code","message","details"}}`. Validation failures list each
 * field path; our errors keep their code and message; anything else is logged in full and
 * answered as INTERNAL without its text, which may hold stack details or secrets.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((issue) => ({
      path: fieldPath(error.validationContext, issue.instancePath),
      message: issue.message ?? 'invalid',
    }));
    return {
      status: 400,
      envelope: {
        error: {
          code: 'VALIDATION_ERROR',
          message: `Invalid request: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
          details: { issues },
        },
      },
    };
  }
  if (OhfError.isInstance(error)) {
    return {
      status: statusOf(error),
      envelope: toErrorEnvelope(error),
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (!isResponseSerializationError(fastifyError as FastifyError) && typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Fastify's own refusals: malformed JSON, wrong content type, body too large.
    return {
      status: fastifyError.statusCode,
      envelope: {
        error: {
          code: fastifyError.statusCode === 429 ? 'RATE_LIMIT_EXCEEDED' : 'VALIDATION_ERROR',
          message: fastifyError.message ?? 'The request could not be read.',
          details: fastifyError.code === undefined ? {} : { reason: fastifyError.code },
        },
      },
    };
  }
  return { status: 500, envelope: toErrorEnvelope(error) };
}

/**
 * QUOTA_EXCEEDED from a provider is upstream trouble (503); from the application it is the
 * caller's organization over one of its own quotas, a rule the request breaks (422).
 */
function statusOf(error: { readonly code: ErrorCode }): number {
  if (error.code === 'QUOTA_EXCEEDED' && BusinessRuleError.isInstance(error)) return 422;
  return HTTP_STATUS_OF_CODE[error.code];
}

function fieldPath(context: string | undefined, instancePath: string): string {
  const segments = instancePath.split('/').filter((segment) => segment.length > 0);
  const prefix = context === 'querystring' ? 'query' : (context ?? 'body');
  return [prefix, ...segments].join('.');
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const response = toErrorResponse(error);
  if (response.retryAfterMs !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(response.retryAfterMs / 1000))));
  if (response.status === 401) reply.header('www-authenticate', 'Bearer realm="ohf"');
  return reply.code(response.status).type('application/json; charset=utf-8').send(response.envelope);
}

/** Installs the error and not-found handlers on a server. */
export function installErrorHandling(server: FastifyInstance): void {
  server.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const response = toErrorResponse(error);
    if (response.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ code: response.envelope.error.code, status: response.status }, 'request refused');
    }
    return sendError(reply, error);
  });
  server.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?')[0]}. See /api/v1/openapi.json for the routes.`,
        details: { method: request.method },
      },
    } satisfies ErrorEnvelope),
  );
}
