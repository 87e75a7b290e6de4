import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeDigitalOceanCloud } from '../../../packages/provider-digitalocean/src/test-support/fake-digitalocean-cloud.js';
import { FakeLinodeApi } from '../../../packages/provider-linode/src/test-support/fake-linode-api.js';
import { CLI_ROOT, createWorkspace, runOhfp, type Workspace } from './cli-harness.js';
import { WireServer } from './wire-server.js';

/**
 * Every Host Factory operation answers within HF_PROVIDER_ACTION_TIMEOUT however the provider
 * misbehaves: the built `ohfp` against a local endpoint that accepts connections and never
 * answers, or answers 429 / 500 to everything. What is checked is that the operation returned,
 * what it says and that the request goes on at a later poll; never how long it took.
 *
 * The tests run side by side, each with its own endpoint: most of their time is spent waiting
 * for budgets to run out, not computing.
 */

// Long enough that a busy CI machine still starts the process and sends a first call within
// it (the aws test checks the endpoint was reached before the budget ran out).
const BUDGET_SECONDS = '8';
const TOKEN = 'b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184';
const AWS_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'ohf-budget-test-secret-key' };

interface Answer {
  readonly requestId?: string;
  readonly message: string;
}
interface Status {
  readonly requests: { readonly requestId: string; readonly status: string; readonly message: string; readonly machines: unknown[] }[];
}

/** Runs `test` against an endpoint of its own, stopped afterwards. */
async function withServer(test: (server: WireServer) => Promise<void>): Promise<void> {
  const server = await new WireServer().start();
  try {
    await test(server);
  } finally {
    await server.stop();
  }
}

function workspaceFor(type: 'aws' | 'linode' | 'digitalocean', settings: string, templateFile: string): Workspace {
  const workspace = createWorkspace({
    'config.yaml': `
providers:
  default_provider_instance: ${type}-main
  # A call cut by the budget blocks the instance for a moment only, so the test's next poll may use it.
  capacity_block_ttl_seconds: {provider_unavailable: 1, rate_limit_exceeded: 1}
  providers:
    - {name: ${type}-main, type: ${type}, capabilities: ${type === 'aws' ? '[EC2Fleet, RunInstances]' : '[]'}, config: ${settings}}
storage:
  strategy: sqlite
provisioning:
  # More polls of an endpoint in trouble than the test makes, so the request is still waiting at its end.
  max_transient_attempts_per_instance: 10
`,
  });
  copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', templateFile), join(workspace.configDirectory, templateFile));
  return workspace;
}

async function ohfp(workspace: Workspace, args: readonly string[], extra: Record<string, string> = {}) {
  const run = await runOhfp(args, { ...workspace.environment, HF_PROVIDER_ACTION_TIMEOUT: BUDGET_SECONDS, ...extra });
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  return run;
}

async function poll(workspace: Workspace, requestId: string, extra: Record<string, string> = {}) {
  const run = await ohfp(workspace, ['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })], extra);
  return run.json<Status>().requests[0]!;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.concurrent('an endpoint that accepts connections and never answers', () => {
  it('aws (endpoint): requestMachines and getRequestStatus answer, the request stays running and the next poll carries on', () => withServer(async (server) => {
    const workspace = workspaceFor('aws', `{region: us-east-1, endpoint: "${'${ENDPOINT}'}"}`, 'awsprov_templates.json');
    const environment = { ...AWS_CREDENTIALS, ENDPOINT: server.url };

    const requested = await ohfp(workspace, ['requestMachines', '--data', '{"template":{"templateId":"fleet-ondemand","machineCount":2}}'], environment);
    const answer = requested.json<Answer>();
    expect(answer.requestId).toMatch(/^req-/);
    expect(answer.message).toMatch(/time budget/);
    expect(server.received.length).toBeGreaterThan(0);
    const shown = await ohfp(workspace, ['requests', 'show', answer.requestId!], environment);
    expect(shown.json<{ request: { status: string } }>().request.status).toBe('in_progress');

    const before = server.received.length;
    const status = await poll(workspace, answer.requestId!, environment);
    expect(status.status).toBe('running');
    expect(status.message).toMatch(/aws-main/);
    // The poll went back to the endpoint to find what the abandoned attempt created.
    expect(server.received.length).toBeGreaterThan(before);
  }));

  it.each([
    ['linode', (url: string) => new FakeLinodeApi({ baseUrl: `${url}/v4`, token: TOKEN }), (url: string) => `{token: "${TOKEN}", baseUrl: "${url}/v4"}`, 'linodeprov_templates.json', 'linode-small'],
    ['digitalocean', (url: string) => new FakeDigitalOceanCloud({ baseUrl: url, token: TOKEN }), (url: string) => `{token: "${TOKEN}", baseUrl: "${url}"}`, 'digitaloceanprov_templates.json', 'do-basic'],
  ] as const)('%s (baseUrl): answers while it hangs, and the request completes once the endpoint answers again', (type, fake, settings, templateFile, templateId) => withServer(async (server) => {
    const workspace = workspaceFor(type, settings(server.url), templateFile);
    const requested = await ohfp(workspace, ['requestMachines', '--data', JSON.stringify({ template: { templateId, machineCount: 1 } })]);
    const answer = requested.json<Answer>();
    expect(answer.requestId).toMatch(/^req-/);
    expect(answer.message).toMatch(/time budget/);
    const hung = await poll(workspace, answer.requestId!);
    expect(hung.status).toBe('running');

    server.mode = { kind: 'handlers', handlers: fake(server.url).handlers };
    await pause(1_100);
    let status = await poll(workspace, answer.requestId!);
    for (let round = 0; round < 4 && status.status === 'running'; round += 1) status = await poll(workspace, answer.requestId!);
    expect(status.status).toBe('complete');
    expect(status.machines).toHaveLength(1);
  }));
});

describe.concurrent('an endpoint that answers 429 or 500 to everything', () => {
  it.each([
    // Retry-After is within the provider's own retry budget, so it would wait (and wait again) on its own.
    ['digitalocean', 429, { 'retry-after': '20' }, (url: string) => `{token: "${TOKEN}", baseUrl: "${url}"}`, 'digitaloceanprov_templates.json', 'do-basic'],
    ['linode', 500, {}, (url: string) => `{token: "${TOKEN}", baseUrl: "${url}/v4"}`, 'linodeprov_templates.json', 'linode-small'],
  ] as const)('%s answering %i: the operations answer and the request stays running', (type, status, headers, settings, templateFile, templateId) => withServer(async (server) => {
    server.mode = { kind: 'status', status, headers };
    const workspace = workspaceFor(type, settings(server.url), templateFile);
    const requested = await ohfp(workspace, ['requestMachines', '--data', JSON.stringify({ template: { templateId, machineCount: 1 } })]);
    const answer = requested.json<Answer>();
    expect(answer.requestId).toMatch(/^req-/);
    expect(answer.message).toMatch(new RegExp(`${type}-main`));
    const first = await poll(workspace, answer.requestId!);
    expect(first.status).toBe('running');
    expect(first.message).toMatch(new RegExp(`${type}-main`));
    const calls = server.received.length;
    await pause(1_100);
    const second = await poll(workspace, answer.requestId!);
    expect(second.status).toBe('running');
    expect(server.received.length).toBeGreaterThan(calls);
  }));
});
