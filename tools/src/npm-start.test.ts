import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe('npm start', () => {
  it('is quiet: a few lines of summary, then the API key and the curl line last, once the API answers', async () => {
    const port = await freePort();
    const workDirectory = mkdtempSync(join(tmpdir(), 'ohf-start-'));
    // --no-build: the build's own output is not printed either way; this test runs after the build.
    const environment: Record<string, string | undefined> = { ...process.env, PORT: String(port), HF_PROVIDER_WORKDIR: workDirectory };
    delete environment.HF_PROVIDER_CONFDIR;
    delete environment.HF_API__AUTH__KEYS;
    const child = spawn(process.execPath, [join(root, 'tools/scripts/start.mjs'), '--no-build'], {
      cwd: root,
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no curl line within 60 s:\n${output}`)), 60_000);
        child.stdout.on('data', () => {
          if (/Try: curl .*\n/.test(output)) {
            clearTimeout(timer);
            done();
          }
        });
        child.on('exit', (code) => fail(new Error(`npm start ended (${code}):\n${output}`)));
      });
      const lines = output.trimEnd().split('\n');
      const keyLine = lines.findIndex((line) => line.startsWith('API key for this run'));
      expect(keyLine, output).toBeGreaterThan(0);
      expect(keyLine).toBeLessThan(20);
      expect(lines.at(-1)).toMatch(new RegExp(`^Try: curl -H "Authorization: Bearer ohf_\\S+" http://127\\.0\\.0\\.1:${port}/api/v1/templates$`));
      expect(output).toMatch(/\d+ templates: .*fleet-ondemand/);
      expect(output).toMatch(/Calls it would send \(\d+\): EC2 /);
      // The curl line works as printed.
      const key = /Bearer (\S+)"/.exec(lines.at(-1)!)![1]!;
      const answer = await fetch(`http://127.0.0.1:${port}/api/v1/templates`, { headers: { authorization: `Bearer ${key}` } });
      expect(answer.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
