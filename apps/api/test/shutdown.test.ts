import { expect, it } from 'vitest';
import { KEYS, startTestApi } from './api-harness.js';

it('shuts down gracefully: open event streams end cleanly, then new connections are refused', async () => {
  const harness = await startTestApi({ workers: false, api: { port: 0 } });
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
