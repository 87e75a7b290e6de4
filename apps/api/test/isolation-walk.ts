import type { LightMyRequestResponse } from 'fastify';
import type { TestApi } from './api-harness.js';

/** How long an event stream (Server-Sent Events) may stay open before the walk takes it for one that does not end. */
const STREAM_WAIT_MS = 3_000;

type InjectRequest = Parameters<TestApi['inject']>[0];

/**
 * The answer read to its end, or `streaming` for an event stream still open `streamWaitMs` after
 * its headers. The call is sent with `payloadAsStream`, so an event stream is known by its
 * content type as soon as its headers are written: only event streams are waited for, and any
 * other answer is read to its end however long a busy machine takes (a slow answer is never
 * taken for a stream).
 */
export async function answerOrStream(harness: TestApi, request: InjectRequest, streamWaitMs = STREAM_WAIT_MS): Promise<LightMyRequestResponse | 'streaming'> {
  const response = await harness.inject({ ...request, payloadAsStream: true });
  const stream = response.stream();
  const chunks: Buffer[] = [];
  const collect = (chunk: Buffer | string) => chunks.push(Buffer.from(chunk));
  stream.on('data', collect);
  const ended = new Promise<'ended'>((resolve, reject) => {
    stream.once('end', () => resolve('ended'));
    stream.once('error', reject);
  });
  if (String(response.headers['content-type'] ?? '').startsWith('text/event-stream')) {
    let timer: NodeJS.Timeout | undefined;
    const open = new Promise<'streaming'>((resolve) => {
      timer = setTimeout(() => resolve('streaming'), streamWaitMs);
    });
    const outcome = await Promise.race([ended, open]).finally(() => clearTimeout(timer));
    if (outcome === 'streaming') {
      // Left open until the server shuts down, as a client that stopped reading; what it sends is dropped.
      stream.off('data', collect);
      stream.on('error', () => undefined);
      stream.resume();
      return 'streaming';
    }
  } else {
    await ended;
  }
  const rawPayload = Buffer.concat(chunks);
  const payload = rawPayload.toString('utf8');
  return Object.assign(response, { rawPayload, payload, body: payload, json: () => JSON.parse(payload) as unknown });
}

/**
 * The cross-organization walk: every route of the OpenAPI document, called with organization
 * B's key and organization A's ids, then with ids that never existed. Another organization's
 * record must answer exactly as a missing one (same status, same body once the ids are set
 * aside), and no answer may contain any of A's ids.
 */

/** What organization A owns, by the path segment that names it (`/requests/{id}` → `requests`). */
export type IdsBySegment = Readonly<Record<string, string>>;

export interface WalkOptions {
  /** Organization B's key (an admin of B, not a platform admin). */
  readonly key: { readonly bearer: string };
  /** A's ids by path segment: requests, machines, templates, markups, providers, organizations, users, members, api-keys… */
  readonly ids: IdsBySegment;
  /** Every value that belongs to A and must never reach B (ids, names). */
  readonly secrets: readonly string[];
  /** Routes (`METHOD /path` as in the document) not to call. */
  readonly skip?: readonly string[];
}

type Variant = 'owned' | 'missing';

/** Query parameters that name a record, by the path segment whose ids they take. */
const QUERY_ID_PARAMETERS: Readonly<Record<string, string>> = {
  request_id: 'requests',
  machine_id: 'machines',
  template_id: 'templates',
  provider_instance: 'providers',
  provider_name: 'providers',
  provider: 'providers',
  user_id: 'users',
};

/** A body that passes validation, so the handler itself answers; `ids` are the variant's. */
type BodyOf = (ids: IdsBySegment, unique: string) => unknown;

const WEB_TEMPLATE_FIELDS = {
  maxNumber: 10,
  attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
  imageId: 'memory-image-1',
  vmType: 'memory.small',
  providerType: 'memory',
};

/** Bodies the schema alone cannot make valid, or that should carry A's ids. */
const BODIES: Readonly<Record<string, BodyOf>> = {
  'POST /api/v1/requests': (ids) => ({ templateId: ids['templates'], maxNumber: 1 }),
  'POST /api/v1/returns': (ids) => ({ machineIds: [ids['machines']], dryRun: true }),
  'POST /api/v1/machines/{id}/actions': () => ({ action: 'reboot', dryRun: true }),
  'POST /api/v1/requests/{id}/cancel': () => ({}),
  'POST /api/v1/templates': (_ids, unique) => ({ templateId: `walk-${unique}`, ...WEB_TEMPLATE_FIELDS }),
  'PUT /api/v1/templates/{id}': () => ({ maxNumber: 3 }),
  'POST /api/v1/templates/validate': (ids) => ({ templateId: ids['templates'] }),
  'POST /api/v1/providers/strategy/select': (ids) => ({ template_id: ids['templates'] }),
  'POST /api/v1/providers/strategy/register': (_ids, unique) => ({ strategy_name: `walk-${unique}`, provider_type: 'memory' }),
  'POST /api/v1/providers/strategy/execute': () => ({ operation_type: 'HEALTH_CHECK' }),
  'POST /api/v1/providers/strategy/update-health': (ids) => ({ provider_name: ids['providers'], health_status: { is_healthy: true } }),
  'POST /api/v1/providers/strategy/configure': () => ({}),
  'PATCH /api/v1/providers/{name}': () => ({ enabled: false }),
  'POST /api/v1/catalog/sync': (ids) => ({ provider: ids['providers'] }),
  'PUT /api/v1/pricing/markups/{id}': () => ({ percent: 10 }),
  'POST /api/v1/users': (_ids, unique) => ({ name: `walk-${unique}`, role: 'viewer' }),
  'PATCH /api/v1/users/{userId}': () => ({ role: 'viewer' }),
  'POST /api/v1/api-keys': (ids) => ({ name: 'walk', userId: ids['users'] }),
  'POST /api/v1/organizations': (_ids, unique) => ({ organizationId: `walk-${unique}`, name: 'walk' }),
  'PATCH /api/v1/organizations/{organizationId}': () => ({ name: 'walk' }),
  'POST /api/v1/organizations/{organizationId}/users': (_ids, unique) => ({ name: `walk-${unique}`, role: 'viewer' }),
  'PUT /api/v1/organizations/{organizationId}/members/{userId}': () => ({ role: 'viewer' }),
  'POST /api/v1/webhooks': () => ({ url: 'https://walk.example.com/events' }),
  'PATCH /api/v1/webhooks/{id}': () => ({ active: false }),
  // The console's sign-in names no organization's record: any key shape will do.
  'POST /api/v1/session': () => ({ key: 'ohf_walk-not-a-key' }),
};

interface OpenApiOperation {
  readonly parameters?: readonly { readonly name: string; readonly in: string }[];
  readonly requestBody?: unknown;
}
type OpenApiDocument = { readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>> };

/**
 * DELETE before PUT on one path: where ids are unique per organization (markup rules), B's PUT
 * with A's id makes B's own record, which a later DELETE would then rightly find.
 */
const METHODS = ['get', 'post', 'delete', 'put', 'patch'] as const;

/** The segment a path parameter's id belongs to: the one before it (`/organizations/{organizationId}/members/{userId}` → members). */
function segmentOf(path: string, parameter: string): string {
  const segments = path.split('/');
  const index = segments.indexOf(`{${parameter}}`);
  return segments[index - 1] ?? parameter;
}

/**
 * A value of the same shape as A's id that no record has: every letter and digit after a short
 * prefix (`req-`, `m-`, `u-`) moved one step along its alphabet, so a UUID stays a UUID and a
 * pattern-checked id stays valid.
 */
export function missingLike(id: string, steps = 1): string {
  const prefix = /^[a-z]{1,4}-/.exec(id)?.[0] ?? '';
  const step = (alphabet: string, character: string) => alphabet[(alphabet.indexOf(character) + steps) % alphabet.length]!;
  const shifted = [...id.slice(prefix.length)]
    .map((character) => {
      if (/[0-9]/.test(character)) return step('0123456789', character);
      if (/[a-f]/.test(character)) return step('abcdef', character);
      if (/[g-z]/.test(character)) return step('ghijklmnopqrstuvwxyz', character);
      if (/[A-Z]/.test(character)) return step('ABCDEFGHIJKLMNOPQRSTUVWXYZ', character);
      return character;
    })
    .join('');
  return `${prefix}${shifted}`;
}

/** The answer with the ids the call itself sent set aside (an answer may name what it was asked for). */
function withoutIds(text: string, values: readonly string[]): string {
  let result = text;
  for (const value of [...values].sort((left, right) => right.length - left.length)) result = result.split(value).join('<id>');
  return result;
}

/** For comparing two answers: the ids sent and what each call generates (new ids, names, times) set aside. */
function normalized(text: string, values: readonly string[]): string {
  return withoutIds(text, values)
    .replace(/"(requestId|createdAt|updatedAt|checkedAt|syncedAt|keyId|userId|key|prefix|id|returnRequestId|templateId|organizationId|name|strategy_name)":"[^"]*"/g, '"$1":"<generated>"')
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<time>');
}

/** Walks every route; resolves to the problems found (none when isolation holds). */
export async function walkEveryRoute(harness: TestApi, options: WalkOptions): Promise<string[]> {
  const document = (await harness.inject({ method: 'GET', url: '/api/v1/openapi.json', key: null })).json() as OpenApiDocument;
  const problems: string[] = [];
  let calls = 0;
  let routeIndex = 0;

  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (operation === undefined) continue;
      const route = `${method.toUpperCase()} ${path}`;
      if (options.skip?.includes(route) || path.startsWith('/api/v1/docs')) continue;
      // Ids of their own per route: a record one route's call made (PUT) is not another's missing one (DELETE).
      routeIndex += 1;
      const missingIds: Record<string, string> = Object.fromEntries(
        Object.entries(options.ids).map(([segment, id]) => [segment, missingLike(id, 1 + (routeIndex % 5))]),
      );

      const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
      const unknown = pathParameters.filter((parameter) => options.ids[segmentOf(path, parameter)] === undefined);
      if (unknown.length > 0) {
        problems.push(`${route}: no id of organization A for {${unknown.join('}, {')}}; give the walk one, so the route is checked`);
        continue;
      }
      const queryNames = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query' && QUERY_ID_PARAMETERS[parameter.name] !== undefined).map((parameter) => parameter.name);
      const substituted = (variant: Variant) => {
        const ids = variant === 'owned' ? options.ids : missingIds;
        const url = pathParameters.reduce((built, parameter) => built.replace(`{${parameter}}`, encodeURIComponent(ids[segmentOf(path, parameter)]!)), path);
        return { ids, url, used: [...pathParameters.map((parameter) => ids[segmentOf(path, parameter)]!), ...queryNames.map((name) => ids[QUERY_ID_PARAMETERS[name]!]!)] };
      };

      const call = async (variant: Variant, withQuery: boolean) => {
        const { ids, url, used } = substituted(variant);
        const query = withQuery ? queryNames.map((name) => `${name}=${encodeURIComponent(ids[QUERY_ID_PARAMETERS[name]!]!)}`).join('&') : '';
        const bodyOf = BODIES[route];
        calls += 1;
        const unique = `${variant}-${calls}`;
        const payload = operation.requestBody === undefined ? undefined : (bodyOf?.(ids, unique) ?? {});
        const bodyIds = bodyOf === undefined ? [] : Object.values(ids).filter((id) => JSON.stringify(payload).includes(id));
        const response = await answerOrStream(harness, {
          method: method.toUpperCase() as 'GET',
          url: query === '' ? url : `${url}?${query}`,
          key: options.key,
          ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
        });
        return { response, used: [...used, ...bodyIds] };
      };

      for (const withQuery of queryNames.length > 0 ? [false, true] : [false]) {
        const label = withQuery ? `${route}?${queryNames.join('&')}` : route;
        const ownedCall = await call('owned', withQuery);
        const missingCall = await call('missing', withQuery);
        if (ownedCall.response === 'streaming' || missingCall.response === 'streaming') {
          // What an open stream sends cannot be read here: prove such a route's isolation in its own test and skip it.
          const statusOf = (response: LightMyRequestResponse | 'streaming') => (response === 'streaming' ? 'an open stream' : String(response.statusCode));
          problems.push(`${label}: ${statusOf(ownedCall.response)} for organization A's id, ${statusOf(missingCall.response)} for a missing one; the walk cannot read an open stream`);
          continue;
        }
        const owned = { ...ownedCall, response: ownedCall.response };
        const missing = { ...missingCall, response: missingCall.response };
        const status = owned.response.statusCode;
        const leaked = options.secrets.filter((secret) => withoutIds(owned.response.body, owned.used).includes(secret));
        if (leaked.length > 0) problems.push(`${label}: answer ${status} holds organization A's ${leaked.join(', ')}`);
        if (owned.used.length === 0) {
          if (status === 400) problems.push(`${label}: the walk's call was refused as invalid (400), so the route was not checked: ${owned.response.body.slice(0, 300)}`);
          continue;
        }
        if (status !== missing.response.statusCode) {
          problems.push(`${label}: answers ${status} for organization A's id but ${missing.response.statusCode} for a missing one`);
          continue;
        }
        if (status >= 400 && normalized(owned.response.body, owned.used) !== normalized(missing.response.body, missing.used)) {
          problems.push(`${label}: answers A's id differently from a missing one: ${owned.response.body.slice(0, 300)} / ${missing.response.body.slice(0, 300)}`);
        }
        if (status === 400) problems.push(`${label}: the walk's call was refused as invalid (400), so the route was not checked: ${owned.response.body.slice(0, 300)}`);
      }
    }
  }
  if (calls < 20) problems.push(`only ${calls} calls made: the OpenAPI document lists fewer routes than expected`);
  return problems;
}
