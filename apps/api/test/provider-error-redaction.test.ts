import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi } from './api-harness.js';

/**
 * A Linode API that echoes what it was sent (the Authorization header, the request body with
 * its generated root password, a session-token-looking header) in its error answers: the API's
 * answers, its log file and its database must hold none of it.
 */
const TOKEN = 'f4d2a1c9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1';
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

function filesUnder(directory: string): string {
  let text = '';
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    text += statSync(path).isDirectory() ? filesUnder(path) : readFileSync(path).toString('latin1');
  }
  return text;
}

describe('the API redacts what a provider echoes', () => {
  let server: Server;
  let baseUrl: string;
  const rootPasswords: string[] = [];

  function answer(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const rootPass = /"root_pass":"([^"]+)"/.exec(body)?.[1];
      if (rootPass !== undefined) rootPasswords.push(rootPass);
      response.setHeader('content-type', 'application/json');
      if (request.method === 'GET' && (request.url ?? '').startsWith('/v4/linode/instances')) {
        response.end(JSON.stringify({ data: [], page: 1, pages: 1, results: 0 }));
        return;
      }
      const echo = `Rejected ${request.method} with Authorization: ${request.headers.authorization ?? ''} (signed by ${ACCESS_KEY_ID}); body ${body}`;
      response.statusCode = 400;
      response.end(JSON.stringify({ errors: [{ reason: echo }] }));
    });
  }

  beforeAll(async () => {
    server = createServer(answer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v4`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers requests, health and validation, logs and stores the refusals without the token, the root password or a key', async () => {
    const logDirectory = mkdtempSync(join(tmpdir(), 'ohf-api-log-'));
    const test = await startTestApi({
      providers: [{ name: 'linode-main', type: 'linode', config: { token: '${CLOUD_TOKEN}', baseUrl, retry: { maxAttempts: 1 } } }],
      templates: [
        {
          templateId: 'linode-small',
          maxNumber: 5,
          providerType: 'linode',
          attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '2048'] },
          providerOptions: { linode: { region: 'us-east', type: 'g6-standard-1', image: 'linode/debian12' } },
        },
      ],
      environment: { CLOUD_TOKEN: TOKEN },
      configuredLogger: true,
      api: { log: { destination: join(logDirectory, 'api.log'), requests: true } },
    });
    try {
      const answers: string[] = [];
      const created = await test.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'linode-small', maxNumber: 1 } });
      expect(created.statusCode).toBe(202);
      const requestId = created.json<{ request: { requestId: string } }>().request.requestId;
      const failed = await eventually(
        () => test.inject({ method: 'GET', url: `/api/v1/requests/${requestId}` }),
        (response) => response.json<{ request: { status: string } }>().request.status === 'failed',
      );
      expect(failed.json<{ request: { message: string } }>().request.message).toContain('Rejected POST');
      answers.push(failed.body);
      answers.push((await test.inject({ method: 'GET', url: '/api/v1/providers/linode-main/health' })).body);
      answers.push((await test.inject({ method: 'POST', url: '/api/v1/templates/validate', payload: { templateId: 'linode-small', provider_instance: 'linode-main' } })).body);
      await test.api.shutdown();

      const secrets = [TOKEN, ACCESS_KEY_ID, ...rootPasswords];
      expect(rootPasswords.length).toBeGreaterThan(0);
      const log = readFileSync(join(logDirectory, 'api.log'), 'utf8');
      expect(log).toContain('Rejected');
      const everything = [answers.join('\n'), log, filesUnder(test.directory)].join('\n');
      expect(everything).toContain('[REDACTED]');
      for (const secret of secrets) expect(everything).not.toContain(secret);
    } finally {
      await test.close();
      rmSync(logDirectory, { recursive: true, force: true });
    }
  });
});
