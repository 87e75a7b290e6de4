import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkspace, runOhfp, WEB_TEMPLATES, type Workspace } from './cli-harness.js';

/**
 * Through the built `ohfp`: a first provisioning step that fails says so, a request made while
 * the only instance is blocked for capacity is accepted (not refused with exit 5) and waits,
 * and status messages name what a stuck request waits for until its deadline ends it.
 */

/** Long enough for the steps before it to run on a busy machine; the test waits for it to pass, not a fixed time. */
const DEADLINE_SECONDS = 5;

function outOfCapacity(): Workspace {
  const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
  workspace.write(
    'config.yaml',
    `
providers:
  default_provider_instance: mem-a
  capacity_block_ttl_seconds: {insufficient_capacity: 600}
  providers:
    - name: mem-a
      type: memory
      capabilities: [RunInstances]
      config: {statePath: ${join(workspace.workDirectory, 'cloud-a.json')}, faults: {capacity: 0}}
storage:
  strategy: sqlite
provisioning:
  deadline_seconds: ${DEADLINE_SECONDS}
`,
  );
  return workspace;
}

/** Resolves just after `time` (epoch ms); at once when it has passed. */
const waitUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now()) + 100));

interface Status {
  readonly requests: { readonly requestId: string; readonly status: string; readonly message: string }[];
}

async function statusOf(workspace: Workspace, requestId: string) {
  const run = await runOhfp(['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })], workspace.environment);
  expect(run.exitCode).toBe(0);
  return run.json<Status>().requests[0]!;
}

describe('requests that cannot be served at once', () => {
  it('says the first attempt failed, accepts the next request while the instance is blocked, and ends both at their deadline naming the cause', async () => {
    const workspace = outOfCapacity();
    const request = (count: number) => runOhfp(['requestMachines', '--data', JSON.stringify({ template: { templateId: 'web', machineCount: count } })], workspace.environment);

    const first = await request(2);
    // Each request's deadline counts from its creation, which is before its process answered.
    const firstDeadline = Date.now() + DEADLINE_SECONDS * 1000;
    expect(first.exitCode).toBe(0);
    const firstAnswer = first.json<{ requestId: string; message: string }>();
    expect(firstAnswer.requestId).toMatch(/^req-/);
    expect(firstAnswer.message).toMatch(/^Request VM accepted; the first attempt on mem-a failed: INSUFFICIENT_CAPACITY \(.+\); retrying on the next poll\.$/);

    const stuck = await statusOf(workspace, firstAnswer.requestId);
    expect(stuck.status).toBe('running');
    expect(stuck.message).toMatch(/^0 of 2 machines running, 0 starting, 2 still to be provisioned; waiting: mem-a: INSUFFICIENT_CAPACITY .*blocked until /);

    // mem-a is blocked for capacity now: a new request is accepted and waits instead of exit 5.
    const second = await request(1);
    const secondDeadline = Date.now() + DEADLINE_SECONDS * 1000;
    expect(second.exitCode, second.stdout).toBe(0);
    const secondAnswer = second.json<{ requestId: string; message: string }>();
    expect(secondAnswer.requestId).toMatch(/^req-/);
    expect(secondAnswer.message).toMatch(/^Request VM accepted; no provider instance can take it now, retrying on the next poll: .*mem-a: insufficient capacity/);
    expect((await statusOf(workspace, secondAnswer.requestId)).status).toBe('running');

    await waitUntil(firstDeadline);
    const ended = await statusOf(workspace, firstAnswer.requestId);
    expect(ended.status).toBe('complete_with_error');
    expect(ended.message).toMatch(new RegExp(`mem-a: INSUFFICIENT_CAPACITY .*provisioning gave up after ${DEADLINE_SECONDS} s`));
    await waitUntil(secondDeadline);
    const secondEnded = await statusOf(workspace, secondAnswer.requestId);
    expect(secondEnded.status).toBe('complete_with_error');
    expect(secondEnded.message).toMatch(new RegExp(`gave up after ${DEADLINE_SECONDS} s \\(.*mem-a: insufficient capacity`));
  });
});
