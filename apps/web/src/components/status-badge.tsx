const TONE: Readonly<Record<string, string>> = {
  running: 'good',
  complete: 'good',
  healthy: 'good',
  pending: 'busy',
  in_progress: 'busy',
  stopping: 'busy',
  shutting_down: 'busy',
  recovering: 'busy',
  stopped: 'quiet',
  terminated: 'quiet',
  cancelled: 'quiet',
  disabled: 'quiet',
  unknown: 'quiet',
  partial: 'warn',
  circuit_half_open: 'warn',
  failed: 'bad',
  unhealthy: 'bad',
  circuit_open: 'bad',
};

/** A state or status as text (never colour alone), tinted by what it means. */
export function StatusBadge({ value }: { readonly value: string }) {
  return <span className={`badge badge-${TONE[value] ?? 'quiet'}`}>{value.replaceAll('_', ' ')}</span>;
}
