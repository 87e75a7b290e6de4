import { describe, expect, it } from 'vitest';
import { selectionStateStoreFrom } from '../ports/selection-state-store.js';
import { SelectionStatePersistence } from '../selection/selection-state-persistence.js';
import { createApplicationFixture } from '../test-support/application-fixture.js';
import { selectionStateMiddleware } from './selection-state-middleware.js';
import type { MessageEnvelope } from '../bus/middleware.js';

const envelope = (type: string): MessageEnvelope => ({ kind: 'command', type, message: {}, options: {} });

/** The middleware over the real selection engine and persistence of an application fixture. */
function selectionProcess() {
  const fixture = createApplicationFixture();
  const persistence = new SelectionStatePersistence(fixture.selection, selectionStateStoreFrom(fixture.stateStore), fixture.providerInstances, fixture.logger);
  const middleware = selectionStateMiddleware({ persistence, reads: new Set(['Choose']), writes: new Set(['Provision']) });
  const throttle = () =>
    fixture.selection.recordOutcome('mem-a', { operation: 'createInstances', success: false, latencyMs: 5, errorCode: 'RATE_LIMIT_EXCEEDED', retryAfterMs: 600_000 });
  const state = () => JSON.stringify(fixture.selection.exportState());
  return { fixture, middleware, throttle, state };
}

describe('selectionStateMiddleware', () => {
  it('does not reload over an outcome that a running message recorded and has not saved yet', async () => {
    const { middleware, throttle, state } = selectionProcess();
    // A state is stored (the load of a later message would import it).
    await middleware(envelope('Provision'), async () => undefined);
    const before = state();
    let finishFirst!: () => void;
    let recorded!: () => void;
    const outcomeRecorded = new Promise<void>((resolve) => (recorded = resolve));
    const first = middleware(envelope('Provision'), async () => {
      throttle();
      recorded();
      // Still running (its request is being saved) when the next message starts.
      await new Promise<void>((resolve) => (finishFirst = resolve));
    });
    await outcomeRecorded;
    const throttled = state();
    expect(throttled).not.toBe(before);

    let seen: string | undefined;
    const second = middleware(envelope('Choose'), async () => {
      seen = state();
    });
    await second;
    expect(seen).toBe(throttled);
    finishFirst();
    await first;
    expect(state()).toBe(throttled);
  });

  it('loads what another process stored once no message of its own is running', async () => {
    const one = selectionProcess();
    await one.middleware(envelope('Provision'), async () => one.throttle());
    const stored = one.state();

    const other = createApplicationFixture({ sharedWith: one.fixture });
    const persistence = new SelectionStatePersistence(other.selection, selectionStateStoreFrom(other.stateStore), other.providerInstances, other.logger);
    const middleware = selectionStateMiddleware({ persistence, reads: new Set(['Choose']), writes: new Set(['Provision']) });
    let seen: string | undefined;
    await middleware(envelope('Choose'), async () => {
      seen = JSON.stringify(other.selection.exportState());
    });
    expect(seen).toBe(stored);
  });
});
