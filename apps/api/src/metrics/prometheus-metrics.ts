import type { MetricLabels, MetricsSink } from '@ohf/application-cqrs';
import { APPLICATION_METRICS } from '@ohf/application-cqrs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Millisecond buckets for provider calls and message handling (clouds answer in 10 ms … 30 s). */
const MILLISECOND_BUCKETS = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000];
/** Second buckets for HTTP (the API answers in well under a millisecond … a few seconds). */
const SECOND_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The labels of every metric the application emits (see APPLICATION_METRICS), declared up front
 * because Prometheus series need fixed label names. A label a call leaves out is exported as "".
 */
const KNOWN_LABELS: Readonly<Record<string, readonly string[]>> = {
  [APPLICATION_METRICS.messagesTotal]: ['kind', 'type', 'outcome', 'code'],
  [APPLICATION_METRICS.messageDurationMs]: ['kind', 'type', 'outcome'],
  [APPLICATION_METRICS.eventSubscriberFailuresTotal]: ['type'],
  [APPLICATION_METRICS.provisionedMachinesTotal]: ['provider_instance', 'outcome', 'code'],
  [APPLICATION_METRICS.providerCallsTotal]: ['provider_instance', 'operation', 'outcome', 'code'],
  [APPLICATION_METRICS.providerCallDurationMs]: ['provider_instance', 'operation'],
  [APPLICATION_METRICS.requestsFinishedTotal]: ['kind', 'status'],
  [APPLICATION_METRICS.providerHealthChecksTotal]: ['provider_instance', 'outcome'],
  [APPLICATION_METRICS.reconciledInstancesTotal]: ['provider_instance', 'outcome'],
  [APPLICATION_METRICS.reconcileRunsTotal]: ['provider_instance', 'outcome'],
};

const HELP: Readonly<Record<string, string>> = {
  [APPLICATION_METRICS.messagesTotal]: 'Commands, queries and events handled.',
  [APPLICATION_METRICS.messageDurationMs]: 'Command and query handling time in milliseconds.',
  [APPLICATION_METRICS.eventSubscriberFailuresTotal]: 'Event subscribers that threw.',
  [APPLICATION_METRICS.provisionedMachinesTotal]: 'Machines asked of provider instances, by outcome.',
  [APPLICATION_METRICS.providerCallsTotal]: 'Calls to provider instances, by operation and outcome.',
  [APPLICATION_METRICS.providerCallDurationMs]: 'Provider call latency in milliseconds.',
  [APPLICATION_METRICS.requestsFinishedTotal]: 'Requests that reached a final status.',
  [APPLICATION_METRICS.providerHealthChecksTotal]: 'Health checks of provider instances (live and periodic), by outcome.',
  [APPLICATION_METRICS.reconciledInstancesTotal]:
    'Instances reconciliation looked at, per provider instance: found (live with our tags), adopted, orphaned (finished or unknown request), terminated.',
  [APPLICATION_METRICS.reconcileRunsTotal]: 'Reconciliation runs per provider instance, by outcome.',
};

export interface CacheStatistics {
  readonly hits: number;
  readonly misses: number;
}

/**
 * Everything /metrics exports: process metrics, HTTP traffic, the application's counters and
 * timings (through `sink`), provider selections per instance, and the template cache hit ratio.
 */
export class PrometheusMetrics {
  readonly registry = new Registry();
  readonly sink: MetricsSink;
  readonly #counters = new Map<string, { metric: Counter<string>; labels: readonly string[] }>();
  readonly #histograms = new Map<string, { metric: Histogram<string>; labels: readonly string[] }>();
  readonly #httpRequests: Counter<'method' | 'route' | 'status_code'>;
  readonly #httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly #selections: Counter<'provider_instance' | 'provider_type'>;
  readonly #inFlight: Gauge;
  readonly #watches: Gauge;

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'ohf_api_' });
    this.#httpRequests = new Counter({
      name: 'ohf_http_requests_total',
      help: 'HTTP requests answered, by route template and status.',
      labelNames: ['method', 'route', 'status_code'],
      registers: [this.registry],
    });
    this.#httpDuration = new Histogram({
      name: 'ohf_http_request_duration_seconds',
      help: 'HTTP request latency in seconds, by route template.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: SECOND_BUCKETS,
      registers: [this.registry],
    });
    this.#inFlight = new Gauge({ name: 'ohf_http_requests_in_flight', help: 'HTTP requests being answered.', registers: [this.registry] });
    this.#watches = new Gauge({ name: 'ohf_request_watches', help: 'Open event streams watching requests.', registers: [this.registry] });
    this.#selections = new Counter({
      name: 'ohf_provider_selections_total',
      help: 'Provider instances chosen for requests.',
      labelNames: ['provider_instance', 'provider_type'],
      registers: [this.registry],
    });
    this.sink = {
      increment: (name, labels, value) => {
        const counter = this.#counter(name, labels);
        counter.metric.inc(this.#labelValues(counter.labels, labels), value ?? 1);
      },
      observe: (name, value, labels) => {
        const histogram = this.#histogram(name, labels);
        histogram.metric.observe(this.#labelValues(histogram.labels, labels), value);
      },
    };
  }

  httpRequestStarted(): void {
    this.#inFlight.inc();
  }

  httpRequestFinished(method: string, route: string, statusCode: number, seconds: number): void {
    this.#inFlight.dec();
    const labels = { method, route, status_code: String(statusCode) };
    this.#httpRequests.inc(labels);
    this.#httpDuration.observe(labels, seconds);
  }

  watchStarted(): void {
    this.#watches.inc();
  }

  watchEnded(): void {
    this.#watches.dec();
  }

  providerSelected(providerInstance: string, providerType: string): void {
    this.#selections.inc({ provider_instance: providerInstance, provider_type: providerType });
  }

  /** Exports a cache's hits, misses and hit ratio, read at every scrape. */
  observeCache(cache: string, read: () => CacheStatistics): void {
    new Gauge({
      name: `ohf_${cache}_cache_hits`,
      help: `${cache} cache hits since start.`,
      registers: [this.registry],
      collect() {
        this.set(read().hits);
      },
    });
    new Gauge({
      name: `ohf_${cache}_cache_misses`,
      help: `${cache} cache misses since start.`,
      registers: [this.registry],
      collect() {
        this.set(read().misses);
      },
    });
    new Gauge({
      name: `ohf_${cache}_cache_hit_ratio`,
      help: `${cache} cache hits / (hits + misses) since start; 0 before the first lookup.`,
      registers: [this.registry],
      collect() {
        const { hits: hitCount, misses: missCount } = read();
        const total = hitCount + missCount;
        this.set(total === 0 ? 0 : hitCount / total);
      },
    });
  }

  /** Exports each provider instance's health as selection sees it (1 healthy, 0 not), read at every scrape. */
  observeProviderHealth(read: () => readonly { readonly instance: string; readonly healthy: boolean }[]): void {
    new Gauge({
      name: 'ohf_provider_healthy',
      help: 'Provider instance health as selection sees it: 1 healthy, 0 unhealthy (health checks, reports, failures).',
      labelNames: ['provider_instance'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const entry of read()) this.set({ provider_instance: entry.instance }, entry.healthy ? 1 : 0);
      },
    });
  }

  /**
   * Exports what the machines not yet ended cost per hour on each provider instance (launch
   * prices, markup included), read at every scrape.
   */
  observeRunningCost(read: () => Promise<readonly { readonly providerInstance: string; readonly currency: string; readonly priceHourly: number }[]>): void {
    new Gauge({
      name: 'ohf_running_cost_per_hour',
      help: 'Hourly price of the machines not yet terminated, per provider instance, as recorded at launch (markup included).',
      labelNames: ['provider_instance', 'currency'],
      registers: [this.registry],
      async collect() {
        const entries = await read();
        this.reset();
        for (const entry of entries) this.set({ provider_instance: entry.providerInstance, currency: entry.currency }, entry.priceHourly);
      },
    });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  #counter(name: string, labels: MetricLabels | undefined) {
    let entry = this.#counters.get(name);
    if (entry === undefined) {
      const labelNames = KNOWN_LABELS[name] ?? Object.keys(labels ?? {}).sort();
      entry = {
        metric: new Counter({ name, help: HELP[name] ?? name, labelNames: [...labelNames], registers: [this.registry] }),
        labels: labelNames,
      };
      this.#counters.set(name, entry);
    }
    return entry;
  }

  #histogram(name: string, labels: MetricLabels | undefined) {
    let entry = this.#histograms.get(name);
    if (entry === undefined) {
      const labelNames = KNOWN_LABELS[name] ?? Object.keys(labels ?? {}).sort();
      entry = {
        metric: new Histogram({
          name,
          help: HELP[name] ?? name,
          labelNames: [...labelNames],
          buckets: MILLISECOND_BUCKETS,
          registers: [this.registry],
        }),
        labels: labelNames,
      };
      this.#histograms.set(name, entry);
    }
    return entry;
  }

  /** Only declared labels, each present: prom-client rejects unknown ones and unset ones split series. */
  #labelValues(names: readonly string[], labels: MetricLabels | undefined): Record<string, string> {
    const values: Record<string, string> = {};
    for (const name of names) values[name] = labels?.[name] ?? '';
    return values;
  }
}
