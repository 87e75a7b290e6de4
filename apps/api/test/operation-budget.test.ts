import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi } from './api-harness.js';

/**
 * Routes and workers that call a provider answer within the operation budget when the provider
 * accepts connections and never answers: what is checked is the answer, never its timing.
 */
describe('the API against a provider that hangs', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((request) => request.resume());
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v4`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('keeps a request waiting instead of failing it, and answers health and validation', async () => {
    const test = await startTestApi({
      providers: [{ name: 'linode-main', type: 'linode', config: { token: 'a'.repeat(64), baseUrl } }],
      templates: [
        {
          templateId: 'linode-small',
          maxNumber: 5,
          providerType: 'linode',
          attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '2048'] },
          providerOptions: { linode: { region: 'us-east', type: 'g6-standard-1', image: 'linode/debian12' } },
        },
      ],
      environment: { HF_PROVIDER_ACTION_TIMEOUT: '2' },
    });
    try {
      const created = await test.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'linode-small', maxNumber: 1 } });
      expect(created.statusCode, created.body).toBe(202);
      const requestId = created.json<{ request: { requestId: string } }>().request.requestId;
      const waiting = await eventually(
        () => test.inject({ method: 'GET', url: `/api/v1/requests/${requestId}` }),
        (response) => /time budget/.test(response.json<{ request: { message: string } }>().request.message),
        15_000,
      );
      expect(waiting.json<{ request: { status: string } }>().request.status).toBe('in_progress');

      const health = await test.inject({ method: 'GET', url: '/api/v1/providers/linode-main/health' });
      expect(health.statusCode).toBe(200);
      expect(JSON.stringify(health.json())).toMatch(/did not answer HEALTH_CHECK within the time budget/);

      const validation = await test.inject({ method: 'POST', url: '/api/v1/templates/validate', payload: { templateId: 'linode-small', provider_instance: 'linode-main' } });
      expect(validation.statusCode).toBe(200);
      expect(JSON.stringify(validation.json())).toMatch(/time budget/);
    } finally {
      await test.close();
    }
  });
});
