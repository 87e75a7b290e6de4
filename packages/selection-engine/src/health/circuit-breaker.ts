/** What the circuit says about sending work to an instance right now. */
export const CIRCUIT_PASS = 0;
export const CIRCUIT_BLOCKED = 1;
export const CIRCUIT_PROBE = 2;
export type CircuitAdmission = typeof CIRCUIT_PASS | typeof CIRCUIT_BLOCKED | typeof CIRCUIT_PROBE;

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerState {
  readonly state: CircuitState;
  readonly consecutiveFailures: number;
  readonly openedAtMs: number | null;
  readonly probeStartedAtMs: number | null;
}

/**
 * Per-instance circuit breaker. Closed: everything passes and consecutive failures are counted;
 * at the threshold it opens and nothing passes. After the recovery timeout one probe may pass
 * (half-open): its success closes the circuit, its failure opens it again for another timeout.
 * A probe that never reports back frees the slot after one more timeout, so a lost outcome
 * cannot keep an instance out forever. Time-based moves happen lazily when asked.
 */
export class CircuitBreaker {
  state: CircuitState = 'closed';
  consecutiveFailures = 0;
  openedAtMs = 0;
  probeStartedAtMs = 0;

  admission(nowMs: number, recoveryMs: number): CircuitAdmission {
    if (this.state === 'closed') return CIRCUIT_PASS;
    const since = this.state === 'open' ? this.openedAtMs : this.probeStartedAtMs;
    return nowMs >= since + recoveryMs ? CIRCUIT_PROBE : CIRCUIT_BLOCKED;
  }

  /** Called when a selection hands the instance out as the half-open probe. */
  claimProbe(nowMs: number): void {
    this.state = 'half_open';
    this.probeStartedAtMs = nowMs;
  }

  /** Returns true when this success closed an open or half-open circuit. */
  recordSuccess(nowMs: number, recoveryMs: number): boolean {
    if (this.state === 'closed') {
      this.consecutiveFailures = 0;
      return false;
    }
    // While open, a success can only be an operation started before the circuit opened; it
    // proves nothing new. After the timeout any success is as good as the probe's.
    if (this.state === 'open' && nowMs < this.openedAtMs + recoveryMs) return false;
    this.state = 'closed';
    this.consecutiveFailures = 0;
    return true;
  }

  /** Returns true when this failure opened (or re-opened) the circuit. */
  recordFailure(nowMs: number, failureThreshold: number): boolean {
    this.consecutiveFailures += 1;
    if (this.state === 'half_open' || (this.state === 'closed' && this.consecutiveFailures >= failureThreshold)) {
      this.state = 'open';
      this.openedAtMs = nowMs;
      return true;
    }
    return false;
  }

  /** The state a reader should see: an open circuit past its timeout reads as half-open. */
  effectiveState(nowMs: number, recoveryMs: number): CircuitState {
    if (this.state === 'open' && nowMs >= this.openedAtMs + recoveryMs) return 'half_open';
    return this.state;
  }

  /** When the next probe may pass, for open and half-open circuits. */
  nextProbeAtMs(recoveryMs: number): number | null {
    if (this.state === 'closed') return null;
    return (this.state === 'open' ? this.openedAtMs : this.probeStartedAtMs) + recoveryMs;
  }

  toState(): CircuitBreakerState {
    return {
      state: this.state,
      consecutiveFailures: this.consecutiveFailures,
      openedAtMs: this.state === 'closed' ? null : this.openedAtMs,
      probeStartedAtMs: this.state === 'half_open' ? this.probeStartedAtMs : null,
    };
  }

  loadState(state: CircuitBreakerState): void {
    this.state = state.state;
    this.consecutiveFailures = state.consecutiveFailures;
    this.openedAtMs = state.openedAtMs ?? 0;
    this.probeStartedAtMs = state.probeStartedAtMs ?? this.openedAtMs;
  }
}
