import { execFile } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const workspaceRoot = resolve(import.meta.dirname, '../..');
const sdkDirectory = join(workspaceRoot, 'packages/provider-sdk');
const fixtureDirectory = join(workspaceRoot, 'tools/fixtures/external-provider');

/** Installs from the npm cache where it can: the same versions the workspace already has. */
function installedVersion(packageName: string): string {
  const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'node_modules', packageName, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** The outer npm and vitest must not leak their settings into the nested install and run. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(npm_|VITEST|NODE_OPTIONS$|INIT_CWD$|TINYPOOL|FORCE_COLOR$)/i.test(key));
  return { ...Object.fromEntries(inherited), NO_COLOR: '1' };
}

describe('a provider written outside the repository', () => {
  const work = mkdtempSync(join(tmpdir(), 'ohf-external-provider-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('passes the conformance kit using only the packed @ohf/provider-sdk', { timeout: 180_000 }, async () => {
    expect(existsSync(join(sdkDirectory, 'dist/testing/index.js')), 'build @ohf/provider-sdk first (the test target depends on ^build)').toBe(true);
    const environment = cleanEnvironment();

    const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: sdkDirectory, env: environment });
    const tarball = join(work, packed.stdout.trim().split('\n').pop() ?? '');
    expect(tarball).toMatch(/ohf-provider-sdk-.+\.tgz$/);

    const project = join(work, 'provider');
    cpSync(fixtureDirectory, project, { recursive: true, filter: (source) => !source.includes('node_modules') });
    const install = (...packages: string[]) =>
      run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...packages], {
        cwd: project,
        env: environment,
        timeout: 150_000,
      });
    await install(tarball, `zod@${installedVersion('zod')}`);

    // Without vitest (an optional peer), the testing entry still loads: applications use its test double.
    expect(existsSync(join(project, 'node_modules/vitest')), 'vitest is an optional peer: not installed with the SDK').toBe(false);
    const withoutVitest = await run(
      process.execPath,
      [
        '--input-type=module',
        '--eval',
        "const { createInMemoryProvider } = await import('@ohf/provider-sdk/testing');" +
          "const provider = createInMemoryProvider();" +
          "const result = await provider.createInstances({ requestId: 'r', template: { templateId: 't' }, count: 2, idempotencyKey: 'k', tags: {} });" +
          'process.stdout.write(String(result.instances.length));',
      ],
      { cwd: project, env: environment },
    );
    expect(withoutVitest.stdout.trim()).toBe('2');

    await install(`vitest@${installedVersion('vitest')}`);
    const installedSdk = join(project, 'node_modules/@ohf/provider-sdk');
    expect(lstatSync(installedSdk).isSymbolicLink(), 'the SDK must come from the tarball, not a link to the workspace').toBe(false);
    expect(existsSync(join(installedSdk, 'src/testing/in-memory')), 'the tarball ships the sources for source maps').toBe(true);

    const reportPath = join(work, 'report.json');
    const outcome = await run(join(project, 'node_modules/.bin/vitest'), ['run', '--reporter=json', `--outputFile=${reportPath}`], {
      cwd: project,
      env: environment,
      timeout: 120_000,
    }).then(
      () => ({ failed: false, output: '' }),
      (error: { stdout?: string; stderr?: string }) => ({ failed: true, output: `${error.stdout ?? ''}\n${error.stderr ?? ''}` }),
    );
    expect(outcome.failed, outcome.output).toBe(false);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
      success: boolean;
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      testResults: Array<{ assertionResults: Array<{ fullName: string }> }>;
    };
    expect(report).toMatchObject({ success: true, numFailedTests: 0, numPendingTests: 0 });
    const names = report.testResults.flatMap((file) => file.assertionResults.map((test) => test.fullName));
    expect(names.filter((name) => name.includes('ComputeProviderV1 conformance')).length).toBeGreaterThanOrEqual(18);
  });
});
