import { OhfError, type StateStore } from '@ohf/domain-core';

interface LeaseState {
  readonly holder: string;
  readonly expiresAt: string;
}

function leaseStateOf(value: unknown): LeaseState | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { holder, expiresAt } = value as Partial<LeaseState>;
  return typeof holder === 'string' && typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt)) ? { holder, expiresAt } : undefined;
}

/**
 * One holder at a time among processes sharing a state store: a lease kept under `key`, taken
 * and renewed with a compare-and-set, so of two replicas asking at once one wins. A holder that
 * dies keeps it until it expires; then another takes over.
 */
export class StateLease {
  #heldUntil = 0;

  constructor(
    private readonly state: StateStore,
    private readonly key: string,
    private readonly holder: string,
    private readonly leaseMs: number,
  ) {}

  /** True when this process holds the lease now (taking or renewing it when needed). */
  async hold(now = Date.now()): Promise<boolean> {
    // Renewed once half of it is used: one write per half lease, not per check.
    if (now < this.#heldUntil - this.leaseMs / 2) return true;
    const stored = await this.state.get(this.key);
    const current = leaseStateOf(stored?.value);
    if (current !== undefined && current.holder !== this.holder && Date.parse(current.expiresAt) > now) {
      this.#heldUntil = 0;
      return false;
    }
    const expiresAt = now + this.leaseMs;
    try {
      await this.state.put(this.key, { holder: this.holder, expiresAt: new Date(expiresAt).toISOString() } satisfies LeaseState, {
        expectedVersion: stored?.version ?? 0,
      });
    } catch (error) {
      if (OhfError.isInstance(error) && error.code === 'CONFLICT') {
        this.#heldUntil = 0;
        return false;
      }
      throw error;
    }
    this.#heldUntil = expiresAt;
    return true;
  }

  /** Gives the lease up (shutdown), so another replica takes over at once. */
  async release(): Promise<void> {
    if (this.#heldUntil === 0) return;
    this.#heldUntil = 0;
    const stored = await this.state.get(this.key);
    if (leaseStateOf(stored?.value)?.holder !== this.holder || stored === undefined) return;
    try {
      await this.state.put(this.key, { holder: this.holder, expiresAt: new Date(0).toISOString() } satisfies LeaseState, {
        expectedVersion: stored.version,
      });
    } catch (error) {
      if (!(OhfError.isInstance(error) && error.code === 'CONFLICT')) throw error;
    }
  }
}
