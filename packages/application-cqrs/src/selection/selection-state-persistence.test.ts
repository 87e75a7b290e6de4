import { describe, expect, it } from 'vitest';
import { selectionStateStoreFrom, type SelectionStateStore } from '../ports/selection-state-store.js';
import { createApplicationFixture, type ApplicationFixture } from '../test-support/application-fixture.js';
import { SelectionStatePersistence } from './selection-state-persistence.js';

/** One process's persistence over the fixture's state store, counting the saves that reach it. */
function processOn(fixture: ApplicationFixture) {
  const store = selectionStateStoreFrom(fixture.stateStore);
  let saves = 0;
  const counting: SelectionStateStore = { load: () => store.load(), save: async (state) => (saves++, store.save(state)) };
  const persistence = new SelectionStatePersistence(fixture.selection, counting, fixture.providerInstances, fixture.logger);
  return { persistence, saves: () => saves };
}

describe('SelectionStatePersistence', () => {
  it('saves only what changed: a call that taught selection nothing writes nothing', async () => {
    const fixture = createApplicationFixture();
    const { persistence, saves } = processOn(fixture);
    await persistence.load();
    await persistence.save();
    expect(saves()).toBe(1); // nothing was stored yet
    await persistence.load();
    await persistence.save();
    await persistence.save();
    expect(saves()).toBe(1);
    fixture.selection.recordOutcome('mem-a', { operation: 'createInstances', success: true, latencyMs: 12 });
    await persistence.save();
    expect(saves()).toBe(2);
    await persistence.save();
    expect(saves()).toBe(2);
  });

  it('leaves another process’s newer state in place when it has nothing new of its own', async () => {
    const first = createApplicationFixture();
    const one = processOn(first);
    await one.persistence.load();
    await one.persistence.save();
    const other = createApplicationFixture({ sharedWith: first });
    const two = processOn(other);
    await two.persistence.load();
    // The first process learns something and stores it; the second, idle, then closes.
    first.selection.recordOutcome('mem-a', { operation: 'createInstances', success: false, latencyMs: 5, errorCode: 'RATE_LIMIT_EXCEEDED', retryAfterMs: 600_000 });
    await one.persistence.save();
    const newer = JSON.stringify(await selectionStateStoreFrom(first.stateStore).load());
    await two.persistence.save();
    expect(JSON.stringify(await selectionStateStoreFrom(first.stateStore).load())).toBe(newer);
    expect(two.saves()).toBe(0);
  });
});
