import { describe, expect, it } from 'vitest';
import { CIRCUIT_BLOCKED, CIRCUIT_PASS, CIRCUIT_PROBE, CircuitBreaker } from './circuit-breaker.js';

const recoveryMs = 60_000;

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures; a success resets the streak', () => {
    const breaker = new CircuitBreaker();
    expect(breaker.recordFailure(0, 3)).toBe(false);
    expect(breaker.recordFailure(0, 3)).toBe(false);
    breaker.recordSuccess(0, recoveryMs);
    expect(breaker.consecutiveFailures).toBe(0);
    breaker.recordFailure(1, 3);
    breaker.recordFailure(2, 3);
    expect(breaker.recordFailure(3, 3)).toBe(true);
    expect(breaker.admission(3, recoveryMs)).toBe(CIRCUIT_BLOCKED);
    expect(breaker.effectiveState(3, recoveryMs)).toBe('open');
  });

  it('lets one probe through after the recovery timeout; its success closes the circuit', () => {
    const breaker = new CircuitBreaker();
    breaker.recordFailure(0, 1);
    expect(breaker.admission(recoveryMs - 1, recoveryMs)).toBe(CIRCUIT_BLOCKED);
    expect(breaker.admission(recoveryMs, recoveryMs)).toBe(CIRCUIT_PROBE);
    expect(breaker.effectiveState(recoveryMs, recoveryMs)).toBe('half_open');
    breaker.claimProbe(recoveryMs);
    // The probe is out: nobody else passes.
    expect(breaker.admission(recoveryMs + 1, recoveryMs)).toBe(CIRCUIT_BLOCKED);
    expect(breaker.recordSuccess(recoveryMs + 5, recoveryMs)).toBe(true);
    expect(breaker.admission(recoveryMs + 5, recoveryMs)).toBe(CIRCUIT_PASS);
  });

  it('re-opens for another timeout when the probe fails', () => {
    const breaker = new CircuitBreaker();
    breaker.recordFailure(0, 1);
    breaker.claimProbe(recoveryMs);
    expect(breaker.recordFailure(recoveryMs + 10, 1)).toBe(true);
    expect(breaker.admission(2 * recoveryMs, recoveryMs)).toBe(CIRCUIT_BLOCKED);
    expect(breaker.admission(2 * recoveryMs + 10, recoveryMs)).toBe(CIRCUIT_PROBE);
  });

  it('frees the probe slot when a probe never reports back', () => {
    const breaker = new CircuitBreaker();
    breaker.recordFailure(0, 1);
    breaker.claimProbe(recoveryMs);
    expect(breaker.admission(2 * recoveryMs - 1, recoveryMs)).toBe(CIRCUIT_BLOCKED);
    expect(breaker.admission(2 * recoveryMs, recoveryMs)).toBe(CIRCUIT_PROBE);
  });

  it('ignores a late success of work started before the circuit opened', () => {
    const breaker = new CircuitBreaker();
    breaker.recordFailure(0, 1);
    expect(breaker.recordSuccess(1_000, recoveryMs)).toBe(false);
    expect(breaker.effectiveState(1_000, recoveryMs)).toBe('open');
  });
});
