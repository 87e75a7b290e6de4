import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the Prism mock of the official DigitalOcean API v2 specification. */
    digitalOceanPrismUrl: string;
  }
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 120_000;
const repositoryRoot = resolve(import.meta.dirname, '../../../..');
// CI clones the repository with `shared/` beside it.
export const DIGITALOCEAN_SPEC_PATH = resolve(repositoryRoot, '../shared/specs/digitalocean-openapi.yaml');

/**
 * Starts a Prism mock of the official DigitalOcean specification on loopback for the
 * contract tests, and stops it afterwards. A missing spec or Prism fails the run loudly:
 * the contract tests must never be skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(DIGITALOCEAN_SPEC_PATH)) {
    throw new Error(
      `DigitalOcean contract tests: the official OpenAPI spec is missing at ${DIGITALOCEAN_SPEC_PATH}. ` +
        'Check out the shared/ directory beside the repository (it holds specs/digitalocean-openapi.yaml).',
    );
  }
  const prismBinary = resolve(repositoryRoot, 'node_modules/.bin/prism');
  if (!existsSync(prismBinary)) {
    throw new Error(`DigitalOcean contract tests: Prism is not installed at ${prismBinary}; run npm ci at the repository root.`);
  }
  const port = await freePort();
  const prism = spawn(prismBinary, ['mock', '-h', HOST, '-p', String(port), DIGITALOCEAN_SPEC_PATH], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await waitUntilListening(prism);
  } catch (error) {
    await stop(prism);
    throw error;
  }
  project.provide('digitalOceanPrismUrl', `http://${HOST}:${port}`);
  return () => stop(prism);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function waitUntilListening(prism: ChildProcess): Promise<void> {
  return new Promise((resolveReady, reject) => {
    const recent: string[] = [];
    let ready = false;
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${READY_TIMEOUT_MS / 1000} s:\n${recent.join('')}`)), READY_TIMEOUT_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      if (!ready) reject(error);
    };
    const onOutput = (chunk: Buffer): void => {
      // Prism logs every request; the output is read (and mostly dropped) so the pipe never fills.
      if (ready) return;
      recent.push(chunk.toString());
      if (recent.length > 40) recent.shift();
      if (recent.join('').includes('Prism is listening')) {
        ready = true;
        clearTimeout(timer);
        resolveReady();
      }
    };
    prism.stdout?.on('data', onOutput);
    prism.stderr?.on('data', onOutput);
    prism.once('error', (error) => fail(new Error(`Prism could not be started: ${error.message}`)));
    prism.once('exit', (code) => fail(new Error(`Prism exited (code ${code}) before listening:\n${recent.join('')}`)));
  });
}

async function stop(prism: ChildProcess): Promise<void> {
  if (prism.exitCode !== null || prism.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => prism.once('exit', () => resolveExit()));
  prism.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), 5_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    prism.kill('SIGKILL');
    await exited;
  }
}
