import { describe, expect, it } from 'vitest';
import { CapacityBlockList, type CapacityBlock } from './capacity-block-list.js';

function block(api: string | null, instanceType: string | null, expiresAtMs: number): CapacityBlock {
  return { instance: 'aws-us-east-1', api, instanceType, kind: 'insufficient_capacity', reason: null, blockedAtMs: 0, expiresAtMs };
}

describe('CapacityBlockList', () => {
  it('blocks a selection only when every requested instance type is blocked', () => {
    const blocks = new CapacityBlockList();
    blocks.add(block('EC2Fleet', 'm5.large', 1_000));
    expect(blocks.blocksSelection('EC2Fleet', ['m5.large'], 0)).toBe(true);
    expect(blocks.blocksSelection('EC2Fleet', ['m5.large', 'm5.xlarge'], 0)).toBe(false);
    expect(blocks.unblockedTypes('EC2Fleet', ['m5.large', 'm5.xlarge'], 0)).toEqual(['m5.xlarge']);
    expect(blocks.blocksSelection('SpotFleet', ['m5.large'], 0)).toBe(false);
    // A selection naming no type is blocked only by a block covering every type.
    expect(blocks.blocksSelection('EC2Fleet', undefined, 0)).toBe(false);
  });

  it('lets a block without API or type cover all of them', () => {
    const blocks = new CapacityBlockList();
    blocks.add(block('EC2Fleet', null, 1_000));
    expect(blocks.blocksSelection('EC2Fleet', ['m5.large', 'c5.large'], 0)).toBe(true);
    expect(blocks.blocksSelection('RunInstances', ['m5.large'], 0)).toBe(false);
    blocks.add(block(null, null, 1_000));
    expect(blocks.blocksSelection(undefined, undefined, 0)).toBe(true);
    expect(blocks.blocksSelection('RunInstances', ['m5.large'], 0)).toBe(true);
  });

  it('expires blocks and keeps the later expiry of the same scope', () => {
    const blocks = new CapacityBlockList();
    blocks.add(block('EC2Fleet', 'm5.large', 1_000));
    blocks.add(block('EC2Fleet', 'm5.large', 500));
    expect(blocks.unblockedAtMs('EC2Fleet', ['m5.large'], 0)).toBe(1_000);
    blocks.add(block('EC2Fleet', 'm5.large', 2_000));
    expect(blocks.size).toBe(1);
    expect(blocks.covers('EC2Fleet', 'm5.large', 1_999)).toBe(true);
    expect(blocks.covers('EC2Fleet', 'm5.large', 2_000)).toBe(false);
    expect(blocks.active(2_000)).toEqual([]);
    expect(blocks.size).toBe(0);
  });
});
