import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from './prometheus-metrics.js';

describe('the running cost gauge', () => {
  it('exports what each provider instance costs per hour now, read afresh at every scrape', async () => {
    const metrics = new PrometheusMetrics({ defaultMetrics: false });
    let running = [
      { providerInstance: 'linode-main', currency: 'USD', priceHourly: 0.108 },
      { providerInstance: 'do-main', currency: 'USD', priceHourly: 0.0357 },
    ];
    metrics.observeRunningCost(async () => running);
    const first = await metrics.render();
    expect(first).toContain('# TYPE ohf_running_cost_per_hour gauge');
    expect(first).toContain('ohf_running_cost_per_hour{provider_instance="linode-main",currency="USD"} 0.108');
    expect(first).toContain('ohf_running_cost_per_hour{provider_instance="do-main",currency="USD"} 0.0357');

    // Machines of do-main ended: its series goes rather than staying at the last value.
    running = [{ providerInstance: 'linode-main', currency: 'USD', priceHourly: 0.036 }];
    const second = await metrics.render();
    expect(second).toContain('ohf_running_cost_per_hour{provider_instance="linode-main",currency="USD"} 0.036');
    expect(second).not.toContain('provider_instance="do-main"');
  });
});
