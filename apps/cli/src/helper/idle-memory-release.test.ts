import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectGarbage, IdleMemoryRelease } from './idle-memory-release.js';

const MB = 1024 * 1024;

describe('IdleMemoryRelease', () => {
  let heap: number;
  let collections: number;
  let release: IdleMemoryRelease;

  beforeEach(() => {
    vi.useFakeTimers();
    heap = 40 * MB;
    collections = 0;
    release = new IdleMemoryRelease({
      heapUsed: () => heap,
      collect: () => {
        collections += 1;
        heap = 42 * MB;
      },
      growthToReleaseBytes: 32 * MB,
      idleBeforeReleaseMs: 250,
    });
  });

  afterEach(() => {
    release.stop();
    vi.useRealTimers();
  });

  it('collects once after a call that grew the heap, when no call follows', () => {
    release.callStarted();
    heap = 150 * MB;
    release.idle();
    vi.advanceTimersByTime(249);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(1);
    // Nothing grew since: the next idle moment collects nothing.
    release.callStarted();
    release.idle();
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(1);
  });

  it('leaves small calls alone', () => {
    for (let call = 0; call < 10; call += 1) {
      release.callStarted();
      heap += 2 * MB;
      release.idle();
      vi.advanceTimersByTime(1_000);
    }
    expect(collections).toBe(0);
  });

  it('waits while calls keep coming, and counts their growth together', () => {
    release.callStarted();
    heap = 60 * MB;
    release.idle();
    expect(vi.getTimerCount()).toBe(0);
    release.callStarted();
    heap = 100 * MB;
    release.idle();
    vi.advanceTimersByTime(100);
    release.callStarted();
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(0);
    release.idle();
    vi.advanceTimersByTime(250);
    expect(collections).toBe(1);
  });

  it('drops a pending collection when the helper stops', () => {
    heap = 200 * MB;
    release.idle();
    release.stop();
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(0);
  });
});

describe('collectGarbage', () => {
  it('runs a full collection that frees what nothing refers to', async () => {
    vi.useRealTimers();
    let target: object | undefined = { payload: new Array(100_000).fill('x') };
    const reference = new WeakRef(target);
    target = undefined;
    // A WeakRef's target is kept until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(reference.deref()).toBeUndefined();
  });
});
