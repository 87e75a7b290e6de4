import { freeTextProblem, identifierProblem } from '@ohf/domain-core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { apiError } from './api-error.js';
import { sendError, type FieldIssue } from './error-handler.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text no id may hold is refused on every route before any schema or handler sees it, so a new
 * route cannot forget it and nothing of it reaches storage (PostgreSQL refuses NUL):
 * - a JSON body that is not valid UTF-8;
 * - a query string that is not valid percent-encoded UTF-8;
 * - in path parameters, query values and the headers a route declares (ids, names, keys,
 *   filters): NUL and other control characters, lone surrogates, more than 255 characters;
 * - anywhere in a JSON body (keys too): NUL, control characters other than tab and line breaks,
 *   lone surrogates. Each body field's own schema sets its length and, for ids, refuses line breaks.
 * A path that is not valid UTF-8 is refused by the router (see protocol-errors.ts).
 */
export function installTextChecks(server: FastifyInstance): void {
  const parseJson = server.getDefaultJsonParser('error', 'error');
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = STRICT_UTF8.decode(body as Buffer);
    } catch {
      done(apiError('VALIDATION_ERROR', 'The request body is not valid UTF-8.', { reason: 'INVALID_UTF8' }), undefined);
      return;
    }
    // Fastify's own parser answers through `done`; the promise in its type is never returned here.
    void parseJson(request, text, done);
  });

  server.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const issues = textIssuesOf(request);
    if (issues.length === 0) {
      done();
      return;
    }
    sendError(
      reply,
      apiError('VALIDATION_ERROR', `Invalid request: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, { issues }),
    );
  });
}

function textIssuesOf(request: FastifyRequest): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const identifier = (path: string, value: unknown): void => {
    const values = Array.isArray(value) ? value : [value];
    for (const each of values) {
      const problem = typeof each === 'string' ? identifierProblem(each) : undefined;
      if (problem !== undefined) issues.push({ path, message: problem });
    }
  };
  const queryStart = request.url.indexOf('?');
  if (queryStart >= 0) issues.push(...encodingIssues(request.url.slice(queryStart + 1)));
  for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) identifier(`params.${name}`, value);
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) identifier(`query.${name}`, value);
  for (const name of declaredHeaders(request)) identifier(`headers.${name}`, request.headers[name]);
  freeTextIssues(request.body, 'body', issues);
  return issues;
}

/** Query pairs whose name or value is not valid percent-encoded UTF-8 (the parser would keep them as they are). */
function encodingIssues(query: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const pair of query.split('&')) {
    const [rawName = '', ...rest] = pair.split('=');
    const decode = (text: string): string | undefined => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    };
    const name = decode(rawName);
    if (name === undefined || decode(rest.join('=')) === undefined) {
      issues.push({ path: `query.${name ?? rawName}`, message: 'is not valid percent-encoded UTF-8' });
    }
  }
  return issues;
}

/** The headers a route's schema names (e.g. Idempotency-Key): those are values it uses. */
function declaredHeaders(request: FastifyRequest): string[] {
  const schema = request.routeOptions.schema?.headers as { shape?: Record<string, unknown> } | undefined;
  return schema?.shape === undefined ? [] : Object.keys(schema.shape);
}

function freeTextIssues(value: unknown, path: string, issues: FieldIssue[]): void {
  if (typeof value === 'string') {
    const problem = freeTextProblem(value);
    if (problem !== undefined) issues.push({ path, message: problem });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = freeTextProblem(key);
    if (keyProblem !== undefined) issues.push({ path, message: `has a field name that ${keyProblem}` });
    else freeTextIssues(item, `${path}.${key}`, issues);
  }
}
