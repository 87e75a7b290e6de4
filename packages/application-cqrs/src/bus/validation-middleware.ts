import { ValidationError } from '@ohf/domain-core';
import type { z } from 'zod';
import type { Middleware } from './middleware.js';

export interface ValidationIssue {
  /** Dotted field path, e.g. `template.machineCount`; empty for the message itself. */
  readonly path: string;
  readonly message: string;
}

/** zod issues as field paths and messages, for error details (the API turns them into a 400). */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join('.'),
    message: issue.message,
  }));
}

/**
 * Parses the message with its schema and hands the parsed value (defaults applied, unknown
 * keys dropped) to the rest of the pipeline. A bad message never reaches its handler.
 */
export function validationMiddleware(): Middleware {
  return async (envelope, next) => {
    if (envelope.schema === undefined) return next(envelope);
    const parsed = envelope.schema.safeParse(envelope.message);
    if (!parsed.success) {
      const issues = toValidationIssues(parsed.error);
      const summary = issues
        .slice(0, 5)
        .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
        .join('; ');
      throw new ValidationError(`Invalid ${envelope.type}: ${summary}${issues.length > 5 ? '; …' : ''}`, {
        details: { type: envelope.type, issues },
      });
    }
    return next({ ...envelope, message: parsed.data });
  };
}
