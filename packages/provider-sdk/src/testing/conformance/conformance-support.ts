import { randomUUID } from 'node:crypto';
import type * as VitestModule from 'vitest';
import type { z } from 'zod';
import {
  CreateInstancesResultV1Schema,
  InstanceV1Schema,
  OHF_TAG_KEYS,
  ProviderApiError,
  type ComputeProviderV1,
  type CreateInstancesRequestV1,
  type InstanceV1,
} from '../../index.js';
import type { ConformanceFailureKind, ConformanceHarness } from './conformance-harness.js';
import type { OptionalMemberV1, ProviderConformanceOptions } from './provider-conformance-options.js';

type Vitest = typeof VitestModule;

// Loaded softly: this entry also carries the in-memory test double, which applications load
// (e.g. a `memory` provider in a trial config) where vitest is not installed.
const vitest: Vitest | undefined = await import('vitest').catch(() => undefined);

export function requireVitest(): Vitest {
  if (!vitest) throw new Error('runProviderConformance needs vitest (^3.2 or ^4): install it as a dev dependency.');
  return vitest;
}

/** Retry-After the kit asks the backend to send with 429/5xx answers. */
export const RETRY_AFTER_SECONDS = 1;
/** Failing calls in a row that outlast any sensible retry policy. */
export const PERSISTENT_FAILURES = 50;
/** Machines created for the batching check. */
export const BATCH_MACHINES = 3;
/** An id no cloud can have (spaces and all): a provider must know it is not one of its own. */
export const impossibleId = (): string => `not an id ${randomUUID()}`;

/** One check of the kit; `runProviderConformance` makes each a vitest test. */
export interface ConformanceCheck {
  readonly name: string;
  run(): Promise<void>;
}

/** What every group of checks works with. */
export interface CheckContext {
  readonly options: ProviderConformanceOptions;
  readonly harness: ConformanceHarness;
  readonly expect: Vitest['expect'];
  provider(): ComputeProviderV1;
  check(name: string, run: () => void | Promise<void>): void;
  newRequest(count: number, extraTags?: Record<string, string>): CreateInstancesRequestV1;
  /** Creates machines and returns their ids, including any an asynchronous API reports later. */
  createMachines(
    count: number,
    extraTags?: Record<string, string>,
  ): Promise<{ request: CreateInstancesRequestV1; result: z.infer<typeof CreateInstancesResultV1Schema>; ids: string[] }>;
  /** Calls of every counted kind that reached the backend so far. */
  countBackendCalls(): number;
  /** The member bound to the provider, or undefined when it is left out (a failure when `optionalMembers` names it). */
  optionalMember<Member extends OptionalMemberV1>(member: Member): NonNullable<ComputeProviderV1[Member]> | undefined;
}

export function createCheckContext(
  options: ProviderConformanceOptions,
  provider: () => ComputeProviderV1,
  checks: ConformanceCheck[],
): CheckContext {
  const { expect } = requireVitest();
  const { harness, fixtures } = options;
  const newRequest = (count: number, extraTags: Record<string, string> = {}): CreateInstancesRequestV1 => {
    const requestId = `req-${randomUUID()}`;
    return {
      requestId,
      template: fixtures.template,
      count,
      idempotencyKey: `${requestId}:${provider().instanceName}`,
      attempt: 1,
      tags: {
        [OHF_TAG_KEYS.requestId]: requestId,
        [OHF_TAG_KEYS.templateId]: fixtures.template.templateId,
        [OHF_TAG_KEYS.providerInstance]: provider().instanceName,
        ...extraTags,
      },
    };
  };
  return {
    options,
    harness,
    expect,
    provider,
    check: (name, run) => checks.push({ name, run: async () => run() }),
    newRequest,
    async createMachines(count, extraTags = {}) {
      const request = newRequest(count, extraTags);
      const result = parse(CreateInstancesResultV1Schema, await provider().createInstances(request), 'createInstances');
      const ids = await eventualIds(provider(), request, result);
      return { request, result, ids };
    },
    countBackendCalls: () =>
      harness.callCount('create') + harness.callCount('describe') + harness.callCount('terminate') + harness.callCount('list'),
    optionalMember(member) {
      const implementation = provider()[member];
      if (options.optionalMembers?.includes(member)) {
        expect(typeof implementation, `${member} is named in optionalMembers but not implemented`).toBe('function');
      }
      return typeof implementation === 'function' ? (implementation.bind(provider()) as NonNullable<ComputeProviderV1[typeof member]>) : undefined;
    },
  };
}

export function parse<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(`${what} returned a value that does not match the spec v1 schema:\n${result.error.message}\nvalue: ${JSON.stringify(value, null, 2)}`);
  }
  return result.data;
}

export function parseInstances(value: readonly unknown[], what: string): InstanceV1[] {
  return value.map((instance) => parse(InstanceV1Schema, instance, what));
}

export async function describeAll(provider: ComputeProviderV1, ids: readonly string[]): Promise<InstanceV1[]> {
  return parseInstances(await provider.describeInstances(ids), 'describeInstances');
}

/** Ids of created machines, including those an asynchronous API reports later (found by tag). */
async function eventualIds(
  provider: ComputeProviderV1,
  request: CreateInstancesRequestV1,
  result: z.infer<typeof CreateInstancesResultV1Schema>,
): Promise<string[]> {
  const ids = result.instances.map((instance) => instance.id);
  if (result.pendingCount === 0) return ids;
  const tagged = await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId });
  return [...new Set([...ids, ...tagged.map((instance) => instance.id)])];
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

export function expectRetryableError(error: unknown, codes: readonly string[], kind: ConformanceFailureKind): void {
  const { expect } = requireVitest();
  expect(ProviderApiError.isInstance(error), describeError(error)).toBe(true);
  const apiError = error as ProviderApiError;
  expect(codes, `code for ${kind}`).toContain(apiError.code);
  expect(apiError.retryable, `retryable for ${kind}`).toBe(true);
  expect(apiError.retryAfterMs, `retryAfterMs from Retry-After: ${RETRY_AFTER_SECONDS}`).toBe(RETRY_AFTER_SECONDS * 1000);
}

export function describeError(error: unknown): string {
  return `expected an OHF ProviderApiError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
