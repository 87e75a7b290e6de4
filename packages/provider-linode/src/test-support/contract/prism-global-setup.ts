import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPOSITORY_ROOT, requireLinodeSpecification } from './linode-specification.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the Prism mock of Linode's API, e.g. http://127.0.0.1:40123 (paths start with /v4). */
    linodePrismOrigin: string;
  }
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 150_000;
const READY_LINE = 'Prism is listening';
const LOG_LINES_KEPT = 40;

/**
 * Starts Stoplight Prism on loopback and a free port, serving Linode's official OpenAPI
 * document, for the contract tests; stops it afterwards. Any failure to start fails the run.
 */
export default async function startPrism(project: TestProject): Promise<() => Promise<void>> {
  const specification = requireLinodeSpecification();
  const prism = join(REPOSITORY_ROOT, 'node_modules', '.bin', 'prism');
  if (!existsSync(prism)) throw new Error(`Prism is not installed at ${prism}; run npm ci at the repository root.`);
  const port = await freePort();
  const child = spawn(prism, ['mock', '-h', HOST, '-p', String(port), specification], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  await waitUntilListening(child);
  project.provide('linodePrismOrigin', `http://${HOST}:${port}`);
  return () => stop(child);
}

function waitUntilListening(child: ChildProcess): Promise<void> {
  const recent: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(child);
      reject(new Error(`Prism did not start within ${READY_TIMEOUT_MS / 1000} s. Last output:\n${recent.join('\n')}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        recent.push(line);
        if (recent.length > LOG_LINES_KEPT) recent.shift();
        if (line.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    // Prism logs every request; the pipes are drained for its whole life so it never blocks.
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Prism could not be started: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited during startup (code ${code}, signal ${signal}). Last output:\n${recent.join('\n')}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killTimer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
