import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsError, FakeAwsCloud } from '@ohf/provider-aws/testing';
import { runCli } from '../src/run-cli.js';
import { CLI_ROOT, createWorkspace, runOhfp, type Workspace } from './cli-harness.js';

/**
 * Clouds that echo credentials in their error text: nothing of it may reach the answer
 * Symphony reads, the log file or storage, on any path (create, find, describe, terminate,
 * health, validation).
 */

// Shaped like real AWS credentials (AWS's documentation examples), handed to ohfp in its environment.
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'ohf-session-token-for-the-redaction-test-0123456789';
const AWS_CREDENTIALS = { AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: SESSION_TOKEN } as const;
const HTTP_TOKEN = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Every file under a directory, as text (SQLite pages included): what storage and logs hold. */
function filesUnder(directory: string): string {
  let text = '';
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    text += statSync(path).isDirectory() ? filesUnder(path) : readFileSync(path).toString('latin1');
  }
  return text;
}

function expectNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
  }
}

describe('AWS errors that echo credentials (aws-sdk-client-mock)', () => {
  const cloud = new FakeAwsCloud();
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [key, value] of Object.entries(AWS_CREDENTIALS)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  afterAll(() => {
    cloud.restore();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  beforeEach(() => cloud.reset());

  async function ohfp(workspace: Workspace, args: readonly string[]): Promise<{ exitCode: number; stdout: string }> {
    let stdout = '';
    const exitCode = await runCli({
      argv: args,
      environment: { ...workspace.environment, ...AWS_CREDENTIALS },
      currentDirectory: workspace.root,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stdout += text),
      stderrIsTerminal: false,
    });
    return { exitCode, stdout };
  }

  it('answers, logs and stores the failure of every path without the credentials', async () => {
    const workspace = createWorkspace({
      'config.yaml': `
providers:
  default_provider_instance: aws-us-east-1
  providers:
    - {name: aws-us-east-1, type: aws, capabilities: [EC2Fleet, RunInstances], config: {region: us-east-1, retry: {max_attempts: 1}}}
storage:
  strategy: sqlite
`,
    });
    copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), join(workspace.configDirectory, 'awsprov_templates.json'));
    const echo = `AWS was not able to validate the provided access credentials: AccessKeyId=${ACCESS_KEY_ID}, secret ${SECRET_ACCESS_KEY}, X-Amz-Security-Token: ${SESSION_TOKEN}`;
    cloud.ec2.onAnyCommand().rejects(awsError('AuthFailure', echo, { status: 401 }));

    const answers: string[] = [];
    const requested = await ohfp(workspace, ['requestMachines', '--data', '{"template":{"templateId":"fleet-ondemand","machineCount":2}}']);
    answers.push(requested.stdout);
    const { requestId } = JSON.parse(requested.stdout) as { requestId: string };
    expect(requestId).toMatch(/^req-/);
    const status = await ohfp(workspace, ['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })]);
    answers.push(status.stdout);
    expect(status.stdout).toContain('INVALID_CREDENTIALS');
    expect(status.stdout).toContain('AWS was not able to validate the provided access credentials');
    answers.push((await ohfp(workspace, ['providers', 'health', 'aws-us-east-1'])).stdout);
    answers.push((await ohfp(workspace, ['requests', 'show', requestId])).stdout);
    answers.push(
      (await ohfp(workspace, ['executeProviderOperation', '--data', JSON.stringify({ operation_type: 'GET_INSTANCE_STATUS', provider_name: 'aws-us-east-1', parameters: { instance_ids: ['i-0123456789abcdef0'] } })])).stdout,
    );
    answers.push(
      (await ohfp(workspace, ['executeProviderOperation', '--data', JSON.stringify({ operation_type: 'TERMINATE_INSTANCES', provider_name: 'aws-us-east-1', parameters: { instance_ids: ['i-0123456789abcdef0'] } })])).stdout,
    );

    expect(cloud.ec2.calls().length).toBeGreaterThan(0);
    const log = readFileSync(join(workspace.logDirectory, 'app.log'), 'utf8');
    expect(log).toContain('AuthFailure');
    expectNoSecret(answers.join('\n'), [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN]);
    expectNoSecret(log, [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN]);
    expectNoSecret(filesUnder(workspace.workDirectory), [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN]);
  });
});

describe('Linode and DigitalOcean answers that echo the token and the request body (local HTTP server)', () => {
  let server: Server;
  let baseUrl: string;
  const rootPasswords: string[] = [];

  /** Lists are empty; everything else is refused with the request's Authorization header and body echoed back. */
  function answer(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const rootPass = /"root_pass":"([^"]+)"/.exec(body)?.[1];
      if (rootPass !== undefined) rootPasswords.push(rootPass);
      response.setHeader('content-type', 'application/json');
      if (request.method === 'GET' && path.endsWith('/linode/instances')) {
        response.end(JSON.stringify({ data: [], page: 1, pages: 1, results: 0 }));
        return;
      }
      if (request.method === 'GET' && path.endsWith('/droplets')) {
        response.end(JSON.stringify({ droplets: [], links: {}, meta: { total: 0 } }));
        return;
      }
      const echo = `Request rejected: Authorization: ${request.headers.authorization ?? ''}; you sent ${body || path}`;
      response.statusCode = 400;
      response.end(JSON.stringify({ errors: [{ reason: echo }], id: 'bad_request', message: echo }));
    });
  }

  beforeAll(async () => {
    server = createServer(answer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['linode', 'linode-small', 'linodeprov_templates.json', '/v4'],
    ['digitalocean', 'do-basic', 'digitaloceanprov_templates.json', '/v2'],
  ] as const)('%s: the built ohfp answers, logs and stores the refusal without the token or the root password', async (type, templateId, templateFile, version) => {
    const workspace = createWorkspace({
      'config.yaml': `
providers:
  default_provider_instance: ${type}-main
  providers:
    - {name: ${type}-main, type: ${type}, config: {token: "\${CLOUD_TOKEN}", baseUrl: "${baseUrl}${version}", retry: {maxAttempts: 1}}}
storage:
  strategy: sqlite
`,
    });
    copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', templateFile), join(workspace.configDirectory, templateFile));
    const environment = { ...workspace.environment, CLOUD_TOKEN: HTTP_TOKEN };

    const answers: string[] = [];
    const requested = await runOhfp(['requestMachines', '--data', JSON.stringify({ template: { templateId, machineCount: 1 } })], environment);
    answers.push(requested.stdout, requested.stderr);
    const { requestId } = requested.json<{ requestId: string }>();
    const status = await runOhfp(['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })], environment);
    answers.push(status.stdout, status.stderr);
    expect(status.json<{ requests: { message: string }[] }>().requests[0]!.message).toContain('Request rejected');
    for (const args of [['providers', 'health', `${type}-main`], ['templates', 'validate', templateId, '--provider', `${type}-main`]]) {
      const run = await runOhfp(args, environment);
      answers.push(run.stdout, run.stderr);
    }

    const secrets = [HTTP_TOKEN, ...rootPasswords];
    expectNoSecret(answers.join('\n'), secrets);
    expectNoSecret(readFileSync(join(workspace.logDirectory, 'app.log'), 'utf8'), secrets);
    expectNoSecret(filesUnder(workspace.workDirectory), secrets);
  });
});
