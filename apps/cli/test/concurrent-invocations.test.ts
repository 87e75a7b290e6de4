import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BINARY, createWorkspace, memoryConfiguration, runOhfp, WEB_TEMPLATES } from './cli-harness.js';

/**
 * Symphony runs one `ohfp` process per call and may run several at once. Five processes asking
 * for machines at the same moment, then polling at the same moment, share one work directory:
 * every request must be recorded once, served once, and no machine may be created twice.
 */

interface StatusAnswer {
  requests: { requestId: string; status: string; machines: { machineId: string; result: string; status: string }[] }[];
}

const PROCESSES = 5;
const MACHINES_PER_REQUEST = 2;

beforeAll(() => {
  if (!existsSync(CLI_BINARY)) throw new Error(`Build the CLI first (${CLI_BINARY} is missing): npx nx build @ohf/cli`);
});

describe.each([
  ['SQLite', 'sqlite', 'request_database.db'],
  ['JSON-file', 'json', 'request_database.json'],
])('%s storage under concurrent invocations', (_name, strategy, databaseFile) => {
  it(`serves ${PROCESSES} concurrent requestMachines exactly once each`, async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory).replace('strategy: sqlite', `strategy: ${strategy}`));
    const input = JSON.stringify({ template: { templateId: 'web', machineCount: MACHINES_PER_REQUEST } });

    const requested = await Promise.all(Array.from({ length: PROCESSES }, () => runOhfp(['requestMachines', '--data', input], workspace.environment)));
    expect(requested.map((run) => [run.exitCode, run.stderr])).toEqual(Array(PROCESSES).fill([0, '']));
    const requestIds = requested.map((run) => run.json<{ requestId: string }>().requestId);
    expect(new Set(requestIds).size).toBe(PROCESSES);
    expect(existsSync(join(workspace.workDirectory, databaseFile))).toBe(true);

    // Each request is polled by its own process, all at once, until none is running.
    let statuses: StatusAnswer['requests'] = [];
    for (let round = 0; round < 10; round += 1) {
      const polls = await Promise.all(
        requestIds.map((requestId) => runOhfp(['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId }] })], workspace.environment)),
      );
      expect(polls.map((run) => run.exitCode)).toEqual(Array(PROCESSES).fill(0));
      statuses = polls.map((run) => run.json<StatusAnswer>().requests[0]!);
      if (statuses.every((status) => status.status !== 'running')) break;
    }
    expect(statuses.map((status) => [status.requestId, status.status, status.machines.length])).toEqual(
      requestIds.map((requestId) => [requestId, 'complete', MACHINES_PER_REQUEST]),
    );
    const reported = statuses.flatMap((status) => status.machines.map((machine) => machine.machineId));
    expect(new Set(reported).size).toBe(PROCESSES * MACHINES_PER_REQUEST);

    // The cloud holds exactly the machines reported, each tagged with the one request it serves.
    const instances = [
      ...new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') }).instances(),
      ...new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-b.json') }).instances(),
    ];
    expect(instances.map((instance) => instance.id).sort()).toEqual([...reported].sort());
    for (const status of statuses) {
      const tagged = instances.filter((instance) => instance.tags['ohf:request-id'] === status.requestId).map((instance) => instance.id);
      expect(tagged.sort()).toEqual(status.machines.map((machine) => machine.machineId).sort());
    }

    const [requests, machines] = await Promise.all([
      runOhfp(['requests', 'list'], workspace.environment),
      runOhfp(['machines', 'list'], workspace.environment),
    ]);
    expect(requests.json<{ total: number }>().total).toBe(PROCESSES);
    expect(machines.json<{ total: number }>().total).toBe(PROCESSES * MACHINES_PER_REQUEST);
  });
});
