import type { CapacityBlockKind } from '../config/capacity-block-kind.js';

/** One active block: `null` api or instance type means "all of them". */
export interface CapacityBlock {
  readonly instance: string;
  readonly api: string | null;
  readonly instanceType: string | null;
  readonly kind: CapacityBlockKind;
  readonly reason: string | null;
  readonly blockedAtMs: number;
  readonly expiresAtMs: number;
}

function matches(block: CapacityBlock, api: string | undefined, instanceType: string | undefined): boolean {
  return (block.api === null || block.api === api) && (block.instanceType === null || block.instanceType === instanceType);
}

/**
 * The blocks of one provider instance. A selection for an API and a set of instance types is
 * blocked only when every one of those types is blocked (the provider can still launch the
 * others); a block without an API or instance type covers them all. Expired blocks are dropped
 * as they are met.
 */
export class CapacityBlockList {
  private blocks: CapacityBlock[] = [];

  get size(): number {
    return this.blocks.length;
  }

  /** Adds a block; an existing block of the same scope keeps whichever expires later. */
  add(block: CapacityBlock): CapacityBlock {
    const existing = this.blocks.findIndex((other) => other.api === block.api && other.instanceType === block.instanceType);
    if (existing === -1) {
      this.blocks = [...this.blocks, block];
      return block;
    }
    const current = this.blocks[existing]!;
    if (current.expiresAtMs >= block.expiresAtMs) return current;
    this.blocks = this.blocks.map((other, index) => (index === existing ? block : other));
    return block;
  }

  remove(api: string | null, instanceType: string | null): boolean {
    const before = this.blocks.length;
    this.blocks = this.blocks.filter((block) => !(block.api === api && block.instanceType === instanceType));
    return this.blocks.length !== before;
  }

  clear(): number {
    const count = this.blocks.length;
    this.blocks = [];
    return count;
  }

  active(nowMs: number): readonly CapacityBlock[] {
    if (this.blocks.some((block) => block.expiresAtMs <= nowMs)) {
      this.blocks = this.blocks.filter((block) => block.expiresAtMs > nowMs);
    }
    return this.blocks;
  }

  /** The earliest expiry after `nowMs`, Infinity when none: when selection must look again. */
  nextExpiryAfter(nowMs: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const block of this.blocks) if (block.expiresAtMs > nowMs && block.expiresAtMs < next) next = block.expiresAtMs;
    return next;
  }

  /** True when an active block covers this API and instance type. */
  covers(api: string | undefined, instanceType: string | undefined, nowMs: number): boolean {
    for (const block of this.blocks) {
      if (block.expiresAtMs > nowMs && matches(block, api, instanceType)) return true;
    }
    return false;
  }

  /** The active blocks that cover `api` and one of `instanceTypes` (any type when none is given): what a skip reports. */
  covering(api: string | undefined, instanceTypes: readonly string[] | undefined, nowMs: number): readonly CapacityBlock[] {
    const types = instanceTypes === undefined || instanceTypes.length === 0 ? [undefined] : instanceTypes;
    return this.blocks.filter((block) => block.expiresAtMs > nowMs && types.some((instanceType) => matches(block, api, instanceType)));
  }

  /** True when a selection for `api` and `instanceTypes` cannot use this instance now. */
  blocksSelection(api: string | undefined, instanceTypes: readonly string[] | undefined, nowMs: number): boolean {
    if (this.blocks.length === 0) return false;
    if (instanceTypes === undefined || instanceTypes.length === 0) return this.covers(api, undefined, nowMs);
    for (const instanceType of instanceTypes) {
      if (!this.covers(api, instanceType, nowMs)) return false;
    }
    return true;
  }

  /** The instance types of `instanceTypes` that are not blocked for `api`. */
  unblockedTypes(api: string | undefined, instanceTypes: readonly string[], nowMs: number): readonly string[] {
    if (this.blocks.length === 0) return instanceTypes;
    const open = instanceTypes.filter((instanceType) => !this.covers(api, instanceType, nowMs));
    return open.length === instanceTypes.length ? instanceTypes : open;
  }

  /**
   * When the selection becomes possible again: the earliest time at which some requested type
   * has no covering block left.
   */
  unblockedAtMs(api: string | undefined, instanceTypes: readonly string[] | undefined, nowMs: number): number | null {
    const types = instanceTypes === undefined || instanceTypes.length === 0 ? [undefined] : instanceTypes;
    let earliest: number | null = null;
    for (const instanceType of types) {
      let latest = nowMs;
      for (const block of this.blocks) {
        if (block.expiresAtMs > nowMs && matches(block, api, instanceType)) latest = Math.max(latest, block.expiresAtMs);
      }
      if (earliest === null || latest < earliest) earliest = latest;
    }
    return earliest;
  }

  load(blocks: readonly CapacityBlock[], nowMs: number): void {
    this.blocks = [];
    for (const block of blocks) if (block.expiresAtMs > nowMs) this.add(block);
  }
}
