import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(dockerfile: string): { keyword: string; argument: string }[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), argument: rest.join(' ') };
    });
}

const containerEngine = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;

describe('the API container', () => {
  const steps = instructions(read('Dockerfile'));
  const stages = steps.filter((step) => step.keyword === 'FROM');
  const final = steps.slice(steps.lastIndexOf(stages.at(-1)!));

  it('is multi-stage, on Node.js 22 LTS, runs as a user that is not root, and checks /healthz', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.argument).toMatch(/^node:22[-.\w]*( AS \w+)?$/i);
    const user = final.filter((step) => step.keyword === 'USER').at(-1);
    expect(user?.argument).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user!.argument);
    const healthcheck = final.find((step) => step.keyword === 'HEALTHCHECK');
    expect(healthcheck?.argument).toMatch(/\/healthz/);
    expect(final.find((step) => step.keyword === 'CMD')?.argument).toBe('["node", "apps/api/dist/main.js"]');
    expect(final.find((step) => step.keyword === 'EXPOSE')?.argument).toBe('8080');
    // The build tools stay in the build stage: the final stage installs nothing.
    expect(final.filter((step) => step.keyword === 'RUN').map((step) => step.argument).join(' ')).not.toMatch(/npm (ci|install)|apt-get/);
  });

  it('runs two API replicas on PostgreSQL with compose', () => {
    const compose = parse(read('compose.yaml')) as {
      services: Record<string, { image?: string; build?: string; deploy?: { replicas?: number }; depends_on?: Record<string, { condition: string }>; environment?: Record<string, string>; healthcheck?: { test: string[] } }>;
    };
    expect(compose.services.postgres?.image).toMatch(/^postgres:\d+/);
    expect(compose.services.postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    const api = compose.services.api!;
    expect(api.build).toBe('.');
    expect(api.deploy?.replicas).toBe(2);
    expect(api.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(api.environment).toMatchObject({ HF_STORAGE__STRATEGY: 'postgres', HF_STORAGE__POSTGRES__URL: expect.stringMatching(/^postgres:\/\/.*@postgres:5432\//) });
    expect(api.healthcheck?.test.join(' ')).toContain('/healthz');
  });

  it('has a systemd unit that runs ohf-api as its own user and restarts it', () => {
    const unit = read('deploy/ohf-api.service');
    expect(unit).toMatch(/^ExecStart=\/\S+\/ohf-api$/m);
    expect(unit).toMatch(/^User=ohf$/m);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^WantedBy=multi-user\.target$/m);
  });

  it(`${containerEngine ? 'builds the image with the container engine' : 'has a build context the image can be built from (no container engine here)'}`, () => {
    if (containerEngine) {
      execFileSync('docker', ['build', '-t', 'ohf-api:test', root], { stdio: 'inherit', timeout: 900_000 });
      const inspected = JSON.parse(execFileSync('docker', ['image', 'inspect', 'ohf-api:test'], { encoding: 'utf8' })) as { Config: { User: string; Healthcheck?: { Test: string[] } } }[];
      expect(inspected[0]!.Config.User).toBe('node');
      expect(inspected[0]!.Config.Healthcheck?.Test.join(' ')).toContain('/healthz');
      return;
    }
    // Without an engine: what the build stage copies from the context exists, and the context
    // leaves out the checkout's own installs and builds (the image installs and builds its own).
    const ignored = read('.dockerignore').split('\n');
    for (const pattern of ['**/node_modules', '**/dist', '.git', 'work']) expect(ignored).toContain(pattern);
    expect(steps.filter((step) => step.keyword === 'COPY' && !step.argument.startsWith('--from')).map((step) => step.argument)).toEqual(['. .']);
    for (const file of ['package.json', 'package-lock.json', 'apps/api/package.json', 'examples/config/config.yaml']) expect(() => read(file)).not.toThrow();
    expect(steps.find((step) => step.keyword === 'RUN')?.argument).toMatch(/npm ci .*nx run-many -t build -p @ohf\/api @ohf\/web .*npm prune --omit=dev/);
  }, 900_000);
});
