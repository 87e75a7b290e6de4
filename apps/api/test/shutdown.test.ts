import { connect } from 'node:net';
import { expect, it } from 'vitest';
import { KEYS, startTestApi } from './api-harness.js';

it('shuts down gracefully: open event streams end cleanly, then new connections are refused', async () => {
  const harness = await startTestApi({ workers: false, api: { port: 0, workers: { enabled: false } } });
  const address = await harness.api.start();
  const base = `http://127.0.0.1:${address.port}`;
  const headers = { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json' };
  const created = await fetch(`${base}/api/v1/requests`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ templateId: 'web-server', maxNumber: 1 }),
  });
  expect(created.status).toBe(202);
  const { request } = (await created.json()) as { request: { requestId: string } };

  // A watcher on a request no worker will finish: the stream stays open until shutdown.
  const watch = await fetch(`${base}/api/v1/requests/${request.requestId}/events`, { headers });
  expect(watch.status).toBe(200);
  const body = watch.text();

  await harness.api.shutdown();
  expect(await body).toMatch(/^event: progress\n/);
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  await harness.close();
});

it('keeps an event stream open while the request is unfinished and ends it with the final event', async () => {
  const harness = await startTestApi({ workers: false, api: { port: 0, workers: { enabled: false } } });
  const address = await harness.api.start();
  const base = `http://127.0.0.1:${address.port}`;
  const headers = { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json' };
  const created = await fetch(`${base}/api/v1/requests`, { method: 'POST', headers, body: JSON.stringify({ templateId: 'web-server', maxNumber: 1 }) });
  const { request } = (await created.json()) as { request: { requestId: string } };
  const watch = await fetch(`${base}/api/v1/requests/${request.requestId}/events`, { headers });
  const body = watch.text();
  let ended = false;
  void body.then(() => (ended = true));
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(ended).toBe(false);
  const cancelled = await fetch(`${base}/api/v1/requests/${request.requestId}/cancel`, { method: 'POST', headers, body: '{}' });
  expect(cancelled.status).toBe(200);
  const events = (await body).split('\n').filter((line) => line.startsWith('event: '));
  expect(events[0]).toBe('event: progress');
  expect(events.at(-1)).toBe('event: final');
  await harness.close();
});

it('stops watching when the client goes away, and cuts connections still open after the grace period', async () => {
  const harness = await startTestApi({ workers: false, api: { port: 0, workers: { enabled: false }, shutdown_grace_ms: 300 } });
  const address = await harness.api.start();
  const base = `http://127.0.0.1:${address.port}`;
  const headers = { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json' };
  const watches = async () => /^ohf_request_watches (\d+)$/m.exec(await (await fetch(`${base}/metrics`, { headers })).text())?.[1];
  const created = await fetch(`${base}/api/v1/requests`, { method: 'POST', headers, body: JSON.stringify({ templateId: 'web-server', maxNumber: 1 }) });
  const { request } = (await created.json()) as { request: { requestId: string } };
  const leave = new AbortController();
  const watch = await fetch(`${base}/api/v1/requests/${request.requestId}/events`, { headers, signal: leave.signal });
  expect(watch.status).toBe(200);
  expect(await watches()).toBe('1');
  leave.abort();
  const deadline = Date.now() + 3_000;
  while ((await watches()) !== '0' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await watches()).toBe('0');

  // A client that connects and never sends a request must not hold the shutdown up.
  const silent = connect(address.port, '127.0.0.1');
  await new Promise((resolve) => silent.once('connect', resolve));
  const started = Date.now();
  await harness.close();
  expect(Date.now() - started).toBeLessThan(5_000);
  silent.destroy();
});
