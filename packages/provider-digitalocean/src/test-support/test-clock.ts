/** A manual clock whose `sleep` advances time instantly, so waits are asserted, not endured. */
export class TestClock {
  readonly sleeps: number[] = [];
  #now: number;

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.#now += ms;
  };

  advance(ms: number): void {
    this.#now += ms;
  }
}
