import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestApi, type TestApi } from './api-harness.js';

/**
 * The API's reconciliation worker and its /metrics counts, and cancelling with
 * terminateMachines, against the in-memory provider whose cloud the test reaches through its
 * state file.
 */

const ORPHAN_REQUEST = 'req-00000000-0000-4000-8000-00000000f00d';

function memoryInstance(directory: string) {
  const statePath = join(directory, 'cloud-a.json');
  return { provider: { name: 'memory-a', type: 'memory', config: { statePath } }, cloud: new InMemoryCloud({ statePath }) };
}

function launchTagged(cloud: InMemoryCloud, requestId: string) {
  return cloud.create({
    count: 1,
    instanceType: 'small',
    location: 'mem-eu-1',
    lifecycle: 'ondemand',
    tags: { 'ohf:request-id': requestId, 'ohf:template-id': 'web-server', 'ohf:provider-instance': 'memory-a' },
  }).instances;
}

/** The value of one series in the Prometheus text, 0 when absent. */
function metricValue(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('the reconciliation worker', () => {
  let harness: TestApi | undefined;
  afterEach(async () => harness?.close());

  it('reconciles once per interval, terminating orphans when configured, and exports its counts in /metrics', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ohf-api-reconcile-'));
    const { provider, cloud } = memoryInstance(directory);
    const [orphan] = launchTagged(cloud, ORPHAN_REQUEST);
    harness = await startTestApi({ directory, providers: [provider], reconcile: { interval_seconds: 3600, terminate_orphans: true } });

    const scrape = async () => (await harness!.inject({ method: 'GET', url: '/metrics', key: 'admin' })).body;
    const text = await eventually(scrape, (body) => metricValue(body, 'ohf_reconciled_instances_total{provider_instance="memory-a",outcome="terminated"}') === 1);
    expect(metricValue(text, 'ohf_reconciled_instances_total{provider_instance="memory-a",outcome="found"}')).toBe(1);
    expect(metricValue(text, 'ohf_reconciled_instances_total{provider_instance="memory-a",outcome="orphaned"}')).toBe(1);
    expect(metricValue(text, 'ohf_reconcile_runs_total{provider_instance="memory-a",outcome="success"}')).toBe(1);
    expect(cloud.instances().find((instance) => instance.id === orphan!.id)?.nativeState).toBe('deleted');

    // Within the interval the worker's checks run nothing more.
    launchTagged(cloud, ORPHAN_REQUEST);
    await harness.api.reconcileWorker.check();
    expect(metricValue(await scrape(), 'ohf_reconcile_runs_total{provider_instance="memory-a",outcome="success"}')).toBe(1);
  });
});

describe('POST /requests/{id}/cancel with terminateMachines', () => {
  let harness: TestApi | undefined;
  afterEach(async () => harness?.close());

  it('releases what the request launched, machines not yet recorded included', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ohf-api-cancel-'));
    const { provider, cloud } = memoryInstance(directory);
    harness = await startTestApi({ directory, providers: [{ ...provider, config: { ...provider.config, autoRunAfterMs: 3_600_000 } }] });
    const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 2 } });
    const requestId = created.json().request.requestId as string;
    await eventually(
      () => harness!.inject({ method: 'GET', url: `/api/v1/requests/${requestId}` }),
      (response) => response.json().progress.machines === 2,
    );
    // A machine of the request nobody recorded (as a fleet launching in the background leaves one).
    const [unrecorded] = launchTagged(cloud, requestId);

    const cancelled = await harness.inject({ method: 'POST', url: `/api/v1/requests/${requestId}/cancel`, payload: { terminateMachines: true }, key: 'write' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      request: { status: 'cancelled' },
      returnRequestId: expect.stringMatching(/^ret-/),
      released: [{ providerInstance: 'memory-a', resources: [], terminated: expect.arrayContaining([unrecorded!.id]) }],
      problems: [],
    });
    expect(cloud.instances().every((instance) => instance.nativeState === 'deleted')).toBe(true);
    const returnId = cancelled.json().returnRequestId as string;
    const done = await eventually(
      () => harness!.inject({ method: 'GET', url: `/api/v1/requests/${returnId}` }),
      (response) => response.json().progress.final === true,
    );
    expect(done.json()).toMatchObject({ request: { status: 'complete', requestedCount: 3 } });
  });
});
