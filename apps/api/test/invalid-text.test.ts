import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './api-harness.js';

/**
 * Walks every route of the OpenAPI document and sends text no id may hold in each path, query,
 * header and body field, one field at a time: every answer must be a 400 VALIDATION_ERROR in
 * the error envelope naming that field. A new route is covered as soon as it is documented.
 */

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
}
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content: Record<string, { readonly schema: JsonSchema }> };
}
interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Record<string, JsonSchema>;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly additionalProperties?: boolean | JsonSchema;
}
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { readonly schemas: Record<string, JsonSchema> };
}

/** Each bad value as it travels in a URL (percent-encoded; a lone surrogate can only arrive as invalid UTF-8) and in JSON or a header. */
const BAD_VALUES = [
  { label: 'NUL', url: 'a%00b', text: 'a\u0000b' },
  { label: 'lone surrogate', url: '%ED%A0%80x', text: '\ud800x' },
  { label: 'invalid UTF-8', url: 'a%FFb', text: undefined },
  { label: 'control character', url: 'a%07b', text: 'a\u0007b' },
  { label: 'line break in an id', url: 'a%0Ab', text: 'a\nb', notInFreeText: true },
  { label: 'over-long id', url: 'x'.repeat(256), text: 'x'.repeat(256), onlyForIds: true },
  { label: 'over-long text', url: undefined, text: 'x'.repeat(1_025) },
] as const;

/** A placeholder that is valid text for every path parameter. */
const PATH_VALUE = 'x';

interface Envelope {
  readonly error: { readonly code: string; readonly message: string; readonly details: { readonly issues?: readonly { path: string }[]; readonly reason?: string } };
}

function expectRefusal(response: { statusCode: number; json(): unknown; body: string }, field: string, context: string): void {
  expect(response.statusCode, `${context}: ${response.body.slice(0, 300)}`).toBe(400);
  const envelope = response.json() as Envelope;
  expect(envelope.error.code, context).toBe('VALIDATION_ERROR');
  expect(typeof envelope.error.message, context).toBe('string');
  const { issues, reason } = envelope.error.details;
  // The router refuses a path that is not valid UTF-8 before it knows the parameter's name.
  if (reason === 'INVALID_URL_ENCODING' && field.startsWith('params.')) return;
  const paths = (issues ?? []).map((issue) => issue.path);
  expect(
    paths.some((path) => path === field || path.startsWith(`${field}.`)),
    `${context}: expected an issue at ${field}, got ${JSON.stringify(envelope.error)}`.slice(0, 600),
  ).toBe(true);
}

describe('text that is not valid in an id, on every route', () => {
  let harness: TestApi;
  let document: OpenApiDocument;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false });
    document = (await harness.inject({ method: 'GET', url: '/api/v1/openapi.json', key: null })).json() as OpenApiDocument;
  });
  afterAll(async () => harness?.close());

  const operations = (): { method: string; path: string; operation: Operation }[] =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );

  const resolve = (schema: JsonSchema): JsonSchema =>
    schema.$ref === undefined ? schema : resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!);

  const urlOf = (path: string, parameters: readonly Parameter[], poisoned?: { name: string; value: string }): string =>
    path.replace(/\{([^}]+)\}/g, (_match, name: string) => (poisoned?.name === name ? poisoned.value : PATH_VALUE)) +
    (poisoned !== undefined && parameters.some((parameter) => parameter.in === 'query' && parameter.name === poisoned.name)
      ? `?${poisoned.name}=${poisoned.value}`
      : '');

  it('documents the routes it walks', () => {
    expect(operations().length).toBeGreaterThanOrEqual(30);
  });

  it('refuses such text in every path and query parameter with 400 naming the parameter', async () => {
    let checked = 0;
    for (const { method, path, operation } of operations()) {
      const parameters = operation.parameters ?? [];
      for (const parameter of parameters.filter((each) => each.in === 'path' || each.in === 'query')) {
        for (const bad of BAD_VALUES) {
          if (bad.url === undefined) continue;
          const url = urlOf(path, parameters, { name: parameter.name, value: bad.url });
          const response = await harness.inject({ method: method as 'GET', url, key: 'admin', ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
          expectRefusal(response, `${parameter.in === 'path' ? 'params' : 'query'}.${parameter.name}`, `${method} ${path} ${parameter.name} (${bad.label})`);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('refuses such text in every documented header with 400 naming the header', async () => {
    let checked = 0;
    for (const { method, path, operation } of operations()) {
      const parameters = operation.parameters ?? [];
      for (const parameter of parameters.filter((each) => each.in === 'header')) {
        for (const bad of BAD_VALUES) {
          if (bad.text === undefined || bad.text.length > 300) continue;
          const response = await harness.inject({
            method: method as 'POST',
            url: urlOf(path, parameters),
            key: 'admin',
            headers: { [parameter.name]: bad.text },
            payload: {},
          });
          expectRefusal(response, `headers.${parameter.name}`, `${method} ${path} header ${parameter.name} (${bad.label})`);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  /** Every field a body schema declares, as a path of keys, with whether it is free-form (a record). */
  function bodyFields(schema: JsonSchema, prefix: readonly string[] = []): { path: readonly string[]; kind: 'string' | 'array' | 'record' }[] {
    const resolved = resolve(schema);
    const variants = [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.allOf ?? [])].map(resolve);
    const types = ([] as string[]).concat(resolved.type ?? []).concat(variants.flatMap((variant) => ([] as string[]).concat(variant.type ?? [])));
    const properties = { ...resolved.properties, ...Object.assign({}, ...variants.map((variant) => variant.properties ?? {})) } as Record<string, JsonSchema>;
    if (Object.keys(properties).length > 0) {
      return Object.entries(properties).flatMap(([name, property]) => bodyFields(property, [...prefix, name]));
    }
    if (prefix.length === 0) return [];
    if (types.includes('string')) return [{ path: prefix, kind: 'string' }];
    if (types.includes('array')) {
      const items = [resolved.items, ...variants.map((variant) => variant.items)].filter((item) => item !== undefined).map((item) => resolve(item!));
      return items.some((item) => ([] as string[]).concat(item.type ?? []).includes('string')) ? [{ path: prefix, kind: 'array' }] : [];
    }
    if (types.includes('object')) return [{ path: prefix, kind: 'record' }];
    return [];
  }

  function bodyWith(path: readonly string[], value: unknown): Record<string, unknown> {
    return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
  }

  it('refuses such text in every field of every documented body with 400 naming the field', async () => {
    let checked = 0;
    for (const { method, path, operation } of operations()) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (schema === undefined) continue;
      for (const field of bodyFields(schema)) {
        for (const bad of BAD_VALUES) {
          if (bad.text === undefined || ('notInFreeText' in bad && field.kind === 'record')) continue;
          // Over-long values are refused by each field's own limit; a free-form record has none.
          if (bad.label.startsWith('over-long') && field.kind === 'record') continue;
          if (bad.label === 'over-long id') continue;
          const value = field.kind === 'string' ? bad.text : field.kind === 'array' ? [bad.text] : { poisoned: bad.text };
          const response = await harness.inject({
            method: method as 'POST',
            url: urlOf(path, operation.parameters ?? []),
            key: 'admin',
            payload: bodyWith(field.path, value),
          });
          expectRefusal(response, ['body', ...field.path].join('.'), `${method} ${path} body.${field.path.join('.')} (${bad.label})`);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('refuses a JSON body that is not valid UTF-8 on every route that takes a body', async () => {
    for (const { method, path, operation } of operations()) {
      if (operation.requestBody === undefined) continue;
      const response = await harness.inject({
        method: method as 'POST',
        url: urlOf(path, operation.parameters ?? []),
        key: 'admin',
        headers: { 'content-type': 'application/json' },
        payload: Buffer.concat([Buffer.from('{"templateId":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      });
      expect(response.statusCode, `${method} ${path}`).toBe(400);
      expect(response.json().error, `${method} ${path}`).toMatchObject({ code: 'VALIDATION_ERROR', details: { reason: 'INVALID_UTF8' } });
    }
  });
});
