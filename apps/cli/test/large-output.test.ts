import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createStorage } from '@ohf/persistence';
import { samplePlan } from '@ohf/persistence/testing';
import { expect, it } from 'vitest';
import { CLI_BINARY, createWorkspace, type Workspace } from './cli-harness.js';

const SYNCED_AT = '2026-01-01T00:00:00.000Z';

/** A workspace whose catalog holds 1,000 plans: `ohfp catalog plans` answers about 500 KB. */
async function workspaceWithThousandPlans(): Promise<Workspace> {
  if (!existsSync(CLI_BINARY)) throw new Error(`Build the CLI first (${CLI_BINARY} is missing): npx nx build @ohf/cli`);
  const workspace = createWorkspace({});
  workspace.write('config.yaml', { providers: { providers: [{ name: 'mem-a', type: 'memory' }] }, storage: { strategy: 'sqlite' } });
  const storage = await createStorage({ strategy: 'sqlite', sqlite: { path: join(workspace.workDirectory, 'request_database.db') } });
  await storage.migrate();
  const plans = Array.from({ length: 1_000 }, (_, index) => samplePlan('mem-a', `plan-${String(index).padStart(4, '0')}`, SYNCED_AT, { providerType: 'memory' }));
  await storage.catalog.replaceProviderCatalog('mem-a', { plans, regions: [], images: [], apps: [] }, SYNCED_AT);
  await storage.close();
  return workspace;
}

it('writes a large answer whole into a pipe its reader drains slowly, before exiting', async () => {
  const workspace = await workspaceWithThousandPlans();
  const child = spawn(process.execPath, [CLI_BINARY, 'catalog', 'plans'], { env: workspace.environment, stdio: ['ignore', 'pipe', 'ignore'] });
  // Nothing is read until the answer (about 500 KB) has long filled the pipe's 64 KiB.
  child.stdout.pause();
  await sleep(1_500);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stdout.resume();
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));

  expect(exitCode).toBe(0);
  const answer = JSON.parse(Buffer.concat(chunks).toString()) as { plans: { planId: string }[] };
  expect(answer.plans).toHaveLength(1_000);
});

it('ends quietly, with the command\'s exit code, when its reader stops reading early (ohfp … | head)', async () => {
  const workspace = await workspaceWithThousandPlans();
  const child = spawn(process.execPath, [CLI_BINARY, 'catalog', 'plans'], { env: workspace.environment, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The reader takes the first bytes and closes the pipe while the answer (about 500 KB) is still being written.
  child.stdout.once('data', () => child.stdout.destroy());
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));

  expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
  expect(exitCode).toBe(0);
});
