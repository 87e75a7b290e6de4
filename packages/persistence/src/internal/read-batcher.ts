/**
 * Point reads that arrive together go to storage together. A busy API answers many
 * GET /requests/{id} at once, each a round trip through the driver and a statement on the
 * server, and on PostgreSQL that fixed cost per statement, not the rows, is most of what a read
 * costs. The reads asked for while the event loop handles one batch of network input are
 * collected and sent as one statement when that input has been handled (setImmediate runs after
 * the I/O callbacks of the loop's turn), so a lone read waits for nothing but the end of the
 * turn, and reads that arrive together share one statement.
 *
 * Each caller gets its own answer: `read` is called once per caller with the rows its key came
 * back with, so callers asking for the same key never share a mutable value.
 */
export class ReadBatcher<Key, Rows, Value> {
  #pending: Map<Key, Array<{ resolve: (value: Value) => void; reject: (error: unknown) => void }>> | undefined;

  constructor(
    private readonly options: {
      /** Reads the rows of every key in one go; a key with no rows is absent from the map. */
      readonly fetch: (keys: readonly Key[]) => Promise<ReadonlyMap<Key, Rows>>;
      /** Turns a key's rows (undefined when none came back) into one caller's answer. */
      readonly read: (rows: Rows | undefined, key: Key) => Value;
      /** Keys per statement at most; more are sent as further statements. */
      readonly maximumBatch: number;
    },
  ) {}

  load(key: Key): Promise<Value> {
    return new Promise<Value>((resolve, reject) => {
      if (this.#pending === undefined) {
        this.#pending = new Map();
        setImmediate(() => this.#flush());
      }
      const waiting = this.#pending.get(key);
      if (waiting === undefined) this.#pending.set(key, [{ resolve, reject }]);
      else waiting.push({ resolve, reject });
    });
  }

  #flush(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending === undefined) return;
    const keys = [...pending.keys()];
    for (let start = 0; start < keys.length; start += this.options.maximumBatch) {
      const batch = keys.slice(start, start + this.options.maximumBatch);
      this.options.fetch(batch).then(
        (found) => {
          for (const key of batch) {
            for (const caller of pending.get(key) ?? []) {
              try {
                caller.resolve(this.options.read(found.get(key), key));
              } catch (error) {
                caller.reject(error);
              }
            }
          }
        },
        (error: unknown) => {
          for (const key of batch) for (const caller of pending.get(key) ?? []) caller.reject(error);
        },
      );
    }
  }
}
