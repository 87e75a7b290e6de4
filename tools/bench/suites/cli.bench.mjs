// CLI start-up: `ohfp getAvailableTemplates` with 1,000 templates against `node -e 0`, both
// measured here, in this run, as whole processes (what Symphony pays every few seconds).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ohfp = join(root, 'apps', 'cli', 'dist', 'ohfp.cjs');
const RUNS = 15;

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeProcess(args, environment) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { elapsed, stdout: run.stdout.toString() };
}

export default async function run({ report }) {
  const workspace = mkdtempSync(join(tmpdir(), 'ohf-bench-cli-'));
  const configDirectory = join(workspace, 'conf');
  const workDirectory = join(workspace, 'work');
  mkdirSync(configDirectory);
  mkdirSync(workDirectory);
  const templates = Array.from({ length: 1000 }, (_, index) => ({
    templateId: `tpl-${index}`,
    maxNumber: 10,
    attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
    imageId: 'ami-0123456789abcdef0',
    vmType: 't3.small',
    priceType: 'ondemand',
    subnetId: 'subnet-0a1b2c3d4e5f60001,subnet-0a1b2c3d4e5f60002',
    instanceTags: 'team=hpc;cost-center=4711',
  }));
  const templateFile = join(configDirectory, 'awsprov_templates.json');
  writeFileSync(templateFile, JSON.stringify({ templates }));
  writeFileSync(
    join(configDirectory, 'config.yaml'),
    'providers:\n  default_provider_instance: aws-us-east-1\n  providers:\n    - {name: aws-us-east-1, type: aws, capabilities: [EC2Fleet, RunInstances], config: {region: us-east-1}}\n',
  );
  const environment = { PATH: process.env.PATH, HF_PROVIDER_CONFDIR: configDirectory, HF_PROVIDER_WORKDIR: workDirectory };
  const args = [ohfp, 'getAvailableTemplates', '--data', '{}'];

  // Interleave the two commands so machine load affects both alike.
  const baseline = [];
  const steady = [];
  const first = [];
  timeProcess(args, environment); // the first full load writes the snapshot
  for (let index = 0; index < RUNS; index += 1) {
    baseline.push(timeProcess(['-e', '0'], environment).elapsed);
    const answer = timeProcess(args, environment);
    steady.push(answer.elapsed);
    if (index === 0 && JSON.parse(answer.stdout).templates.length !== 1000) throw new Error('expected 1,000 templates');
  }
  for (let index = 0; index < 5; index += 1) {
    // A changed template file forces the full path: configuration, zod, merge, validation.
    const now = new Date(Date.now() + (index + 1) * 1000);
    utimesSync(templateFile, now, now);
    first.push(timeProcess(args, environment).elapsed);
  }
  const node = median(baseline);
  const warm = median(steady);
  const changed = median(first);
  report({ name: 'node -e 0 (median of 15)', value: node, unit: 'ms' });
  report({ name: 'ohfp getAvailableTemplates, 1,000 templates (median of 15)', value: warm, unit: 'ms', target: '≤ 3× node -e 0', ratio: warm / node, pass: warm <= 3 * node });
  report({ name: 'same, first call after a template file changed (median of 5)', value: changed, unit: 'ms', target: 'informational', ratio: changed / node });
}
