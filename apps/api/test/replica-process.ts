import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BUILT_SERVER = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface ReplicaProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly base: string;
  /** Every log line so far (JSON), for assertions and for failure reports. */
  readonly logs: string[];
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** Starts the built server (`dist/main.js`) as a child process on a free loopback port. */
export async function startReplica(environment: Record<string, string>): Promise<ReplicaProcess> {
  if (!existsSync(BUILT_SERVER)) {
    throw new Error(`${BUILT_SERVER} is missing: build the API first (nx run @ohf/api:build); its test target depends on the build.`);
  }
  const child = spawn(process.execPath, [BUILT_SERVER], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${logs.join('\n')}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const port = /"port":(\d+)[^}]*"msg":"listening on/.exec(line)?.[1];
        if (port !== undefined) {
          clearTimeout(timer);
          resolve(Number(port));
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${logs.join('\n')}`));
    });
  });
  return { child, port, base: `http://127.0.0.1:${port}`, logs, exited };
}
