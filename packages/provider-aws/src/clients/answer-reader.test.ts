import { constants, PerformanceObserver } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COLLECT_AFTER_ANSWER_BYTES, keptBufferSizeFor, readBody } from './answer-reader.js';
import { collectYoungGeneration } from './young-generation.js';

/** A body as the SDK's Node.js HTTP handler gives it: a stream of chunks, each after a pause. */
function streamOf(text: string, chunkSize: number, pauseMs: number): Readable {
  const bytes = Buffer.from(text);
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let offset = 0; offset < bytes.length; offset += chunkSize) {
      await new Promise((resolvePause) => setTimeout(resolvePause, pauseMs));
      yield bytes.subarray(offset, offset + chunkSize);
    }
  }
  return Readable.from(chunks());
}

const asText = (body: Buffer): { text: string } => ({ text: body.toString('utf8') });

describe('readBody', () => {
  it('reads bodies given as text, as bytes, as one chunk and as many', async () => {
    await expect(readBody('<a>é</a>', asText)).resolves.toEqual({ text: '<a>é</a>' });
    await expect(readBody(new TextEncoder().encode('<b/>'), asText)).resolves.toEqual({ text: '<b/>' });
    await expect(readBody(undefined, asText)).resolves.toEqual({ text: '' });
    await expect(readBody(streamOf('<c>one chunk</c>', 1_000, 0), asText)).resolves.toEqual({ text: '<c>one chunk</c>' });
    const long = `<d>${'x'.repeat(10_000)}é</d>`;
    await expect(readBody(streamOf(long, 999, 0), asText)).resolves.toEqual({ text: long });
  });

  it('reads answers arriving side by side each whole, although they share one buffer', async () => {
    const first = `<first>${'1'.repeat(50_000)}</first>`;
    const second = `<second>${'2'.repeat(30_000)}</second>`;
    // The shorter answer ends while the longer one is still arriving, and then the other way round.
    const answers = await Promise.all([
      readBody(streamOf(first, 4_096, 1), asText),
      readBody(streamOf(second, 4_096, 2), asText),
      readBody(streamOf(second, 8_192, 0), asText),
    ]);
    expect(answers).toEqual([{ text: first }, { text: second }, { text: second }]);
  });

  it('gathers answers in several chunks into the same memory each time, not a fresh buffer per answer', async () => {
    const seen: ArrayBufferLike[] = [];
    const keepBuffer = (body: Buffer): object => (seen.push(body.buffer), {});
    await readBody(streamOf('a'.repeat(20_000), 1_000, 0), keepBuffer);
    await readBody(streamOf('b'.repeat(10_000), 1_000, 0), keepBuffer);
    expect(seen[1]).toBe(seen[0]);
  });

  it('keeps the same memory for answers a little longer than the last, as the pages of one poll are', async () => {
    const seen: ArrayBufferLike[] = [];
    const keepBuffer = (body: Buffer): object => (seen.push(body.buffer), {});
    for (const length of [200_000, 200_007, 200_400, 201_000]) await readBody(streamOf('c'.repeat(length), 10_000, 0), keepBuffer);
    expect(new Set(seen.slice(-4)).size).toBe(1);
    expect(keptBufferSizeFor(30_000)).toBe(37_500);
    expect(keptBufferSizeFor(15 * 1024 * 1024)).toBe(16 * 1024 * 1024);
  });

  it('collects the young generation after a large answer, once it is read, and never after a small one', async () => {
    const events: string[] = [];
    const collect = () => events.push('collected');
    const note = (body: Buffer): object => (events.push(`read ${body.length}`), {});
    await readBody(streamOf('s'.repeat(50_000), 4_096, 0), note, collect);
    await readBody(streamOf('l'.repeat(COLLECT_AFTER_ANSWER_BYTES), 65_536, 0), note, collect);
    await readBody(Buffer.alloc(COLLECT_AFTER_ANSWER_BYTES + 1), note, collect);
    expect(events).toEqual(['read 50000', `read ${COLLECT_AFTER_ANSWER_BYTES}`, 'collected', `read ${COLLECT_AFTER_ANSWER_BYTES + 1}`]);
  });
});

describe('collectYoungGeneration', () => {
  it('runs a young-generation collection each time it is called, without --expose-gc', async () => {
    expect(process.execArgv).not.toContain('--expose-gc');
    const minor: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor.push(entry.startTime);
    });
    observer.observe({ entryTypes: ['gc'] });
    const before = performance.now();
    collectYoungGeneration();
    collectYoungGeneration();
    // Entries reach the observer in a later task.
    for (let attempt = 0; attempt < 200 && minor.filter((start) => start >= before).length < 2; attempt += 1) await new Promise((resolvePause) => setTimeout(resolvePause, 10));
    observer.disconnect();
    expect(minor.filter((start) => start >= before).length).toBeGreaterThanOrEqual(2);
  });

  it('frees a young buffer nothing holds', async () => {
    const size = 16 * 1024 * 1024;
    // A young buffer nothing holds once this line is done. Allocated here, not through Buffer:
    // V8 may place the objects of an allocation site whose objects tend to live (the kept answer
    // buffer comes from Buffer's) straight in the old generation, where only a full collection
    // frees them; socket chunks are made in C++, young.
    new Uint8Array(new ArrayBuffer(size)).fill(1);
    const before = process.memoryUsage().arrayBuffers;
    collectYoungGeneration();
    // The process may allocate a few small buffers of its own meanwhile; uncollected, none is freed.
    const freedAtLeast = size - 1024 * 1024;
    // The sweeper may finish off the main thread, later on a loaded machine.
    for (let attempt = 0; attempt < 200 && before - process.memoryUsage().arrayBuffers < freedAtLeast; attempt += 1) await new Promise((resolvePause) => setTimeout(resolvePause, 10));
    expect(before - process.memoryUsage().arrayBuffers).toBeGreaterThanOrEqual(freedAtLeast);
  });
});
