import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeHasCompileCache } from '../src/compile-cache.js';
import { CLI_ROOT, createWorkspace, memoryConfiguration, runOhfp, WEB_TEMPLATES } from './cli-harness.js';
import { WireServer } from './wire-server.js';

/**
 * The built `ohfp`, one process per call as Symphony runs it, keeps its compiled command code
 * for the next call of the same command: on Node.js 20 its own cache file per command, on
 * Node.js 22.1+ Node's compile cache, both in NODE_COMPILE_CACHE.
 */
describe('compiled code kept between ohfp calls', () => {
  it('writes the cache on the first call of a command and runs the next calls from it', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
    const cacheDirectory = join(workspace.root, 'compile-cache');
    const environment = { ...workspace.environment, NODE_COMPILE_CACHE: cacheDirectory };

    const requested = await runOhfp(['requestMachines', '--data', '{"template":{"templateId":"web","machineCount":1}}'], environment);
    expect(requested.exitCode, requested.stderr).toBe(0);
    const poll = ['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId: requested.json<{ requestId: string }>().requestId }] })];
    const first = await runOhfp(poll, environment);
    expect(first.exitCode, first.stderr).toBe(0);

    if (nodeHasCompileCache()) {
      // Node.js keeps it, in a directory of its own per Node.js version.
      expect(readdirSync(cacheDirectory).filter((name) => name !== 'ohfp').length).toBeGreaterThan(0);
      return;
    }
    const cacheFiles = () => readdirSync(join(cacheDirectory, 'ohfp')).filter((name) => name.endsWith('.bin')).sort();
    expect(cacheFiles()).toEqual([expect.stringMatching(/^getRequestStatus-[0-9a-f]{32}\.bin$/), expect.stringMatching(/^requestMachines-[0-9a-f]{32}\.bin$/)]);
    const pollCache = join(cacheDirectory, 'ohfp', cacheFiles()[0]!);
    const written = statSync(pollCache).mtimeMs;

    const second = await runOhfp(poll, environment);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    // Read, not written again: a call that compiled anew would have replaced it.
    expect(statSync(pollCache).mtimeMs).toBe(written);
  });

  it.runIf(!nodeHasCompileCache())('loads the AWS describe-only EC2 client first, from its own cache, and its calls still reach AWS', async () => {
    const server = await new WireServer().start();
    try {
      // Every call fails: each poll looks again for what the request's failed attempt may have created.
      server.mode = { kind: 'status', status: 500 };
      const workspace = createWorkspace({
        'config.yaml': `
providers:
  default_provider_instance: aws-main
  providers:
    - {name: aws-main, type: aws, capabilities: [EC2Fleet, RunInstances], config: {region: us-east-1, endpoint: "${server.url}", retry: {max_attempts: 1}}}
storage:
  strategy: sqlite
`,
      });
      copyFileSync(join(CLI_ROOT, '..', '..', 'examples', 'config', 'awsprov_templates.json'), join(workspace.configDirectory, 'awsprov_templates.json'));
      const cacheDirectory = join(workspace.root, 'compile-cache');
      const environment = { ...workspace.environment, NODE_COMPILE_CACHE: cacheDirectory, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'ohf-cache-test-secret' };
      const requested = await runOhfp(['requestMachines', '--data', '{"template":{"templateId":"fleet-ondemand","machineCount":2}}'], environment);
      expect(requested.exitCode, requested.stderr).toBe(0);
      const poll = ['getRequestStatus', '--data', JSON.stringify({ requests: [{ requestId: requested.json<{ requestId: string }>().requestId }] })];

      // The first poll requires the client itself; the second loads it first and compiles it; the third reads its cache.
      for (let round = 1; round <= 3; round += 1) {
        const before = server.received.length;
        const polled = await runOhfp(poll, environment);
        expect(polled.exitCode, polled.stderr).toBe(0);
        expect(server.received.length, `poll ${round}`).toBeGreaterThan(before);
      }
      const names = readdirSync(join(cacheDirectory, 'ohfp'));
      const list = names.find((name) => name.startsWith('getRequestStatus-companions-'));
      expect(JSON.parse(readFileSync(join(cacheDirectory, 'ohfp', list!), 'utf8'))).toEqual([expect.stringMatching(/ec2-describe-client\.cjs$/)]);
      expect(names.filter((name) => name.startsWith('companion-'))).toHaveLength(1);
      expect(readFileSync(join(workspace.logDirectory, 'app.log'), 'utf8')).not.toMatch(/dynamic import/);
    } finally {
      await server.stop();
    }
  });

  it('keeps nothing with NODE_DISABLE_COMPILE_CACHE', async () => {
    const workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
    workspace.write('config.yaml', memoryConfiguration(workspace.workDirectory));
    const cacheDirectory = join(workspace.root, 'compile-cache');
    const templates = await runOhfp(['templates', 'list'], { ...workspace.environment, NODE_COMPILE_CACHE: cacheDirectory, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(templates.exitCode, templates.stderr).toBe(0);
    expect(() => readdirSync(cacheDirectory)).toThrow();
  });
});
