import { ERROR_CODES, identifierProblem, MAX_IDENTIFIER_LENGTH } from '@ohf/domain-core';
import { z } from 'zod';

export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'ErrorEnvelope', description: 'Every error: a stable code, a message, and details (e.g. field paths of a validation error).' });

/**
 * One line of text a body field names something with (an id, an instance, an API, a status
 * message): 1 to `maxLength` characters, well-formed, no control characters. The route-wide
 * text checks refuse NUL and lone surrogates anywhere; this also bounds the length and keeps
 * line breaks out.
 */
export function plainText(maxLength = MAX_IDENTIFIER_LENGTH) {
  return z
    .string()
    .min(1)
    .max(maxLength)
    .superRefine((value, context) => {
      if (value.length === 0 || value.length > maxLength) return;
      const problem = identifierProblem(value, maxLength);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
    });
}

/** The error answers every protected route may give, for the OpenAPI document. */
export const COMMON_ERROR_RESPONSES = {
  400: ErrorEnvelopeSchema,
  401: ErrorEnvelopeSchema,
  403: ErrorEnvelopeSchema,
  429: ErrorEnvelopeSchema,
  500: ErrorEnvelopeSchema,
} as const;

/** Query values arrive as strings; numbers are coerced and bounded. */
export const PaginationQuerySchema = {
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size (1–1000).'),
  offset: z.coerce.number().int().min(0).default(0).describe('Items to skip.'),
};

/** `?status=a,b` or `?status=a&status=b` → `['a', 'b']`. */
export function listQuery<Item extends z.ZodType>(item: Item) {
  return z.preprocess(
    (value) => {
      if (value === undefined) return undefined;
      const values = Array.isArray(value) ? value : [value];
      return values.flatMap((entry) => (typeof entry === 'string' ? entry.split(',') : [entry])).map((entry) =>
        typeof entry === 'string' ? entry.trim() : entry,
      ).filter((entry) => entry !== '');
    },
    z.array(item).optional(),
  );
}

export function pageOf<Item extends z.ZodType>(item: Item, id: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int().nonnegative().describe('Items matching the filters, all pages together.'),
      limit: z.number().int(),
      offset: z.number().int(),
    })
    .meta({ id });
}

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': plainText()
    .optional()
    .describe('Same key → same request: a retried POST answers 200 with the original instead of creating another.'),
});
