import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The README's "Try it without a cloud account" commands, run as written in a fresh clone of
 * this repository's last commit. `npm ci` takes minutes, so the clone gets what it would make:
 * node_modules linked from this checkout, except that the workspace packages and their bin
 * links (from each package.json's "bin", as npm links them) point into the clone, and the
 * packages' dist copied from this checkout's build.
 */

const root = resolve(import.meta.dirname, '../..');

function workspacePackages(checkout: string): { directory: string; manifest: { name: string; bin?: Record<string, string> } }[] {
  return ['packages', 'apps']
    .flatMap((parent) => readdirSync(join(checkout, parent)).map((name) => join(parent, name)))
    .concat('tools')
    .filter((directory) => existsSync(join(checkout, directory, 'package.json')))
    .map((directory) => ({ directory, manifest: JSON.parse(readFileSync(join(checkout, directory, 'package.json'), 'utf8')) as { name: string; bin?: Record<string, string> } }));
}

function freshClone(): string {
  const clone = join(mkdtempSync(join(tmpdir(), 'ohf-clone-')), 'open-host-factory');
  execFileSync('git', ['clone', '--quiet', root, clone]);
  const modules = join(clone, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  mkdirSync(join(modules, '@ohf'));
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '.bin' || entry === '@ohf' || entry.startsWith('.')) continue;
    symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
  }
  for (const tool of readdirSync(join(root, 'node_modules', '.bin'))) symlinkSync(join(root, 'node_modules', '.bin', tool), join(modules, '.bin', tool));
  for (const { directory, manifest } of workspacePackages(clone)) {
    symlinkSync(join(clone, directory), join(modules, manifest.name));
    for (const [command, file] of Object.entries(manifest.bin ?? {})) {
      if (existsSync(join(modules, '.bin', command))) continue;
      symlinkSync(join('..', manifest.name, file), join(modules, '.bin', command));
    }
    if (existsSync(join(root, directory, 'dist'))) cpSync(join(root, directory, 'dist'), join(clone, directory, 'dist'), { recursive: true });
  }
  return clone;
}

/** The shell block under "### Try it without a cloud account". */
function tryItCommands(readme: string): string[] {
  const section = readme.slice(readme.indexOf('### Try it without a cloud account'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((line) => line.trim() !== '');
}

describe('the README in a fresh clone', () => {
  let clone: string;
  let commands: string[];
  beforeAll(() => {
    clone = freshClone();
    commands = tryItCommands(readFileSync(join(clone, 'README.md'), 'utf8'));
  }, 120_000);

  it('links npx ohfp and npx ohf-api to files the clone has before any build', () => {
    expect(readFileSync(join(clone, 'node_modules', '.bin', 'ohfp'), 'utf8')).toContain('require(entry)');
    expect(existsSync(join(clone, 'node_modules', '.bin', 'ohf-api'))).toBe(true);
  });

  it('runs every "Try it" command as written, with the exit code the README gives', () => {
    const [setup, ...steps] = commands;
    expect(setup).toMatch(/^export HF_PROVIDER_CONFDIR=examples\/config/);
    expect(steps.length).toBeGreaterThanOrEqual(4);
    const home = mkdtempSync(join(tmpdir(), 'ohf-home-'));
    // A new user's shell: no HF_* variables, no cloud credentials, no instance metadata to ask.
    const environment = { PATH: process.env.PATH ?? '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true', npm_config_yes: 'false', npm_config_offline: 'true' };
    for (const step of steps) {
      const expected = Number(/# exit code (\d+)/.exec(step)?.[1] ?? 0);
      const run = spawnSync('bash', ['-c', `${setup}\n${step}`], { cwd: clone, env: environment, encoding: 'utf8', timeout: 120_000 });
      expect({ step, exitCode: run.status }, `${run.stdout}\n${run.stderr}`).toEqual({ step, exitCode: expected });
      expect(run.stdout.trim().length, step).toBeGreaterThan(0);
      expect(run.stderr, step).not.toMatch(/E404|command not found|NodeVersionSupportWarning/);
    }
    // The commands kept to the work directory they were given: nothing new in the clone's root.
    expect(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: clone, encoding: 'utf8' }).split('\n').filter((line) => line !== '' && !/ (node_modules|work\/)/.test(line) && !/dist\//.test(line))).toEqual([]);
  }, 300_000);
});
