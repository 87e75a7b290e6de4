/** Labels of one measurement; keep their values few (no ids) so metric series stay bounded. */
export type MetricLabels = Readonly<Record<string, string>>;

/**
 * Where counters and timings go. The API binds a Prometheus adapter; the CLI may drop them.
 * Names and labels are listed in `APPLICATION_METRICS`.
 */
export interface MetricsSink {
  increment(name: string, labels?: MetricLabels, value?: number): void;
  /** One observation of a distribution, e.g. a duration in milliseconds. */
  observe(name: string, value: number, labels?: MetricLabels): void;
}
export const MetricsSink = Symbol.for('ohf.MetricsSink');

export const noopMetricsSink: MetricsSink = {
  increment: () => undefined,
  observe: () => undefined,
};

/** Every metric this package emits, with its labels. */
export const APPLICATION_METRICS = {
  /** Commands, queries and events handled; labels kind, type, outcome (success|error), code. */
  messagesTotal: 'ohf_messages_total',
  /** Handling time in milliseconds; labels kind, type, outcome. */
  messageDurationMs: 'ohf_message_duration_ms',
  /** Event subscribers that threw; labels type. */
  eventSubscriberFailuresTotal: 'ohf_event_subscriber_failures_total',
  /** Machines asked of a provider instance; labels provider_instance, outcome (created|pending|failed), code. */
  provisionedMachinesTotal: 'ohf_provisioned_machines_total',
  /** Calls to providers; labels provider_instance, operation, outcome, code. */
  providerCallsTotal: 'ohf_provider_calls_total',
  /** Provider call latency in milliseconds; labels provider_instance, operation. */
  providerCallDurationMs: 'ohf_provider_call_duration_ms',
  /** Health checks of provider instances (live or periodic); labels provider_instance, outcome (healthy|unhealthy). */
  providerHealthChecksTotal: 'ohf_provider_health_checks_total',
  /** Requests reaching a final status; labels kind, status. */
  requestsFinishedTotal: 'ohf_requests_finished_total',
  /**
   * Instances reconciliation looked at; labels provider_instance, outcome (found: live with our
   * tags; adopted; orphaned: of a finished or unknown request; terminated: surplus and orphans).
   */
  reconciledInstancesTotal: 'ohf_reconciled_instances_total',
  /** Reconciliation runs per provider instance; labels provider_instance, outcome (success|error). */
  reconcileRunsTotal: 'ohf_reconcile_runs_total',
} as const;
