import { CAPACITY_BLOCK_SCOPES, capacityBlockKindOf, type CapacityBlockKind } from '../config/capacity-block-kind.js';
import type { EngineCore } from './engine-core.js';
import type { EngineSnapshot } from './engine-snapshot.js';
import { viewBlock, type CapacityBlockView } from './instance-reports.js';
import type { CapacityBlockInput, CapacityBlockQuery } from './selection-engine-inputs.js';

/** Blocks what a failure calls for: its scope by kind, its lifetime the provider's Retry-After or the configured TTL. */
export function blockForFailure(
  core: EngineCore,
  snapshot: EngineSnapshot,
  instance: string,
  kind: CapacityBlockKind,
  api: string | undefined,
  instanceType: string | undefined,
  retryAfterMs: number | undefined,
  reason: string | undefined,
  nowMs: number,
): void {
  const runtime = snapshot.byName.get(instance)?.runtime;
  if (runtime === undefined) return;
  const lifetimeMs = retryAfterMs ?? snapshot.settings.capacityBlockTtlSeconds[kind] * 1000;
  if (lifetimeMs <= 0) return;
  const scope = CAPACITY_BLOCK_SCOPES[kind];
  core.epoch += 1;
  runtime.blocks.add({
    instance,
    api: scope === 'instance' ? null : (api ?? null),
    instanceType: scope === 'instance_type' ? (instanceType ?? null) : null,
    kind,
    reason: reason ?? null,
    blockedAtMs: nowMs,
    expiresAtMs: nowMs + lifetimeMs,
  });
}

/** Blocks exactly the given scope (null/omitted api or instance type: all of them). */
export function blockCapacity(core: EngineCore, input: CapacityBlockInput): CapacityBlockView {
  const entry = core.entryOrThrow(input.instance);
  const snapshot = core.current;
  const nowMs = core.nowMs();
  const kind = input.kind ?? capacityBlockKindOf(input.errorCode) ?? 'insufficient_capacity';
  const seconds = input.ttlSeconds ?? snapshot.settings.capacityBlockTtlSeconds[kind];
  core.epoch += 1;
  const block = entry.runtime.blocks.add({
    instance: entry.name,
    api: input.api ?? null,
    instanceType: input.instanceType ?? null,
    kind,
    reason: input.reason ?? null,
    blockedAtMs: nowMs,
    expiresAtMs: nowMs + seconds * 1000,
  });
  return viewBlock(block);
}

/** True when an active block covers this instance, API and instance type. */
export function isBlocked(core: EngineCore, query: CapacityBlockQuery): boolean {
  const runtime = core.current.byName.get(query.instance)?.runtime;
  return runtime !== undefined && runtime.blocks.covers(query.api, query.instanceType, core.nowMs());
}

export function capacityBlocks(core: EngineCore, instance?: string): readonly CapacityBlockView[] {
  const nowMs = core.nowMs();
  const entries = instance === undefined ? core.current.instances : [core.entryOrThrow(instance)];
  return entries.flatMap((entry) => entry.runtime.blocks.active(nowMs).map(viewBlock));
}

/** Removes the block of exactly this scope; true when there was one. */
export function unblockCapacity(
  core: EngineCore,
  input: { readonly instance: string; readonly api?: string | null; readonly instanceType?: string | null },
): boolean {
  const entry = core.entryOrThrow(input.instance);
  core.epoch += 1;
  return entry.runtime.blocks.remove(input.api ?? null, input.instanceType ?? null);
}

/** Drops every block of one instance, or of all; returns how many were dropped. */
export function clearCapacityBlocks(core: EngineCore, instance?: string): number {
  const entries = instance === undefined ? core.current.instances : [core.entryOrThrow(instance)];
  core.epoch += 1;
  return entries.reduce((count, entry) => count + entry.runtime.blocks.clear(), 0);
}
