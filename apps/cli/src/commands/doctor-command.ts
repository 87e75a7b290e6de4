import { configuredSecrets, credentialSourceOf, type ProviderInstanceConfiguration } from '@ohf/runtime';
import { redactValue, type ProviderTemplateV1 } from '@ohf/provider-sdk';
import type { AwsComputeProvider } from '@ohf/provider-aws';
import { OhfError, type Template } from '@ohf/domain-core';
import type { CliRuntime } from '../cli/cli-context.js';
import type { CommandDefinition } from '../cli/command-definition.js';
import { configDirectoryReason, holdsConfiguration } from '../cli/config-directory-source.js';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { directoriesOf } from '../fast-path/template-fast-path.js';
import { dispatch } from './dispatch.js';

type Status = 'ok' | 'info' | 'warning' | 'error';
type Area = 'configuration' | 'templates' | 'credentials' | 'reachability' | 'storage';

interface Finding {
  readonly area: Area;
  readonly status: Status;
  readonly subject: string;
  readonly message: string;
  readonly fix?: string;
}

/** The IAM actions each provider API of the AWS provider calls (the file docs/aws-iam-policy.json grants them). */
const AWS_ACTIONS_BY_API: Readonly<Record<string, readonly string[]>> = {
  RunInstances: ['ec2:RunInstances', 'ec2:CreateTags', 'ec2:DescribeInstances', 'ec2:TerminateInstances'],
  EC2Fleet: ['ec2:CreateFleet', 'ec2:DeleteFleets', 'ec2:DescribeFleets', 'ec2:CreateLaunchTemplate', 'ec2:CreateLaunchTemplateVersion', 'ec2:RunInstances', 'iam:PassRole'],
  SpotFleet: ['ec2:RequestSpotFleet', 'ec2:CancelSpotFleetRequests', 'ec2:DescribeSpotFleetRequests', 'ec2:ModifySpotFleetRequest', 'iam:PassRole'],
  ASG: ['autoscaling:CreateAutoScalingGroup', 'autoscaling:UpdateAutoScalingGroup', 'autoscaling:DeleteAutoScalingGroup', 'autoscaling:DescribeAutoScalingGroups', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
};

/** Templates of one AWS instance doctor sends a dry-run launch for: enough to find a missing permission, few enough to stay quick. */
const LAUNCH_CHECKS_PER_INSTANCE = 5;

/** The AWS provider's launch check, found on the client by its member (the provider contract has no such member). */
type LaunchPermissionChecker = Pick<AwsComputeProvider, 'checkLaunchPermissions'>;

function canCheckLaunches(provider: object): provider is LaunchPermissionChecker {
  return typeof (provider as Partial<LaunchPermissionChecker>).checkLaunchPermissions === 'function';
}

/** What a provider receives of a template: the application-only fields left out. */
function providerTemplateOf(template: Template): ProviderTemplateV1 {
  const { enabled: _enabled, description: _description, userDataScript: _userDataScript, ...rest } = template;
  return rest;
}

/**
 * A dry-run RunInstances for each of the first templates the instance serves: AWS checks the
 * permissions and the template's image, subnet, security groups, key and profile, and launches nothing.
 */
async function checkAwsLaunches(runtime: CliRuntime, context: Parameters<CommandDefinition['run']>[1], instance: ProviderInstanceConfiguration, findings: Finding[]): Promise<void> {
  const subject = `${instance.name} (${instance.type})`;
  const { templates } = await dispatch(context, { type: 'ListProviderTemplates', providerName: instance.name });
  if (templates.length === 0) {
    findings.push({ area: 'reachability', status: 'info', subject, message: 'serves no template: no dry-run launch sent' });
    return;
  }
  const provider = await runtime.createProvider(instance);
  try {
    if (!canCheckLaunches(provider)) return;
    for (const template of templates.slice(0, LAUNCH_CHECKS_PER_INSTANCE)) {
      const check = await provider.checkLaunchPermissions(providerTemplateOf(template));
      const about = `${subject} template ${template.templateId}`;
      if (check.status === 'permitted') {
        findings.push({ area: 'reachability', status: 'ok', subject: about, message: 'dry-run RunInstances: AWS would launch it (DryRunOperation)' });
      } else if (check.status === 'forbidden') {
        findings.push({
          area: 'credentials',
          status: 'error',
          subject: about,
          message: `dry-run RunInstances: permission ${check.missingPermission ?? 'ec2:RunInstances'} missing: ${check.message}`,
          fix: `grant ${check.missingPermission ?? 'ec2:RunInstances'} to these credentials (docs/aws-iam-policy.json has the minimal policy)`,
        });
      } else {
        findings.push({ area: 'reachability', status: 'error', subject: about, message: `dry-run RunInstances refused: ${check.message}`, fix: `fix the template ${template.templateId} (its image, instance type, subnet, security groups, key or instance profile)` });
      }
    }
    const skipped = templates.length - LAUNCH_CHECKS_PER_INSTANCE;
    if (skipped > 0) {
      findings.push({ area: 'reachability', status: 'info', subject, message: `${skipped} more template(s) not launch-checked (doctor checks the first ${LAUNCH_CHECKS_PER_INSTANCE})` });
    }
  } finally {
    await provider.dispose?.();
  }
}

/** The exit code a finding's area stands for, as in the README's table. */
const EXIT_CODE_OF_AREA: Readonly<Record<Area, ExitCode>> = {
  configuration: EXIT_CODES.configuration,
  templates: EXIT_CODES.configuration,
  credentials: EXIT_CODES.provider,
  reachability: EXIT_CODES.provider,
  storage: EXIT_CODES.internal,
};

function exitCodeOf(findings: readonly Finding[]): ExitCode {
  const errors = findings.filter((finding) => finding.status === 'error');
  // The first thing to fix decides: configuration before credentials before storage.
  const order: readonly Area[] = ['configuration', 'templates', 'credentials', 'reachability', 'storage'];
  const worst = order.find((area) => errors.some((finding) => finding.area === area));
  return worst === undefined ? EXIT_CODES.success : EXIT_CODE_OF_AREA[worst];
}

async function checkTemplates(runtime: CliRuntime, findings: Finding[]): Promise<void> {
  const catalog = await runtime.templateLoader.load();
  for (const file of catalog.files.filter((each) => each.broken)) {
    findings.push({ area: 'templates', status: 'error', subject: file.path, message: file.problems.map((problem) => problem.message).join('; ') || 'cannot be read', fix: 'fix the file: until then no template is served' });
  }
  for (const template of catalog.templates.filter((each) => !each.valid)) {
    const errors = template.problems.filter((problem) => problem.severity === 'error');
    findings.push({
      area: 'templates',
      status: 'warning',
      subject: `template ${template.templateId}`,
      message: `left out of getAvailableTemplates: ${errors.map((problem) => `${problem.field ? `${problem.field}: ` : ''}${problem.message}`).join('; ')}`,
      fix: `fix it in ${errors[0]?.file ?? template.files[0] ?? 'its file'} (ohfp templates validate ${template.templateId})`,
    });
  }
  const present = catalog.files.filter((file) => file.present && !file.broken).map((file) => file.name);
  findings.push({
    area: 'templates',
    status: catalog.validTemplates.length > 0 ? 'ok' : 'warning',
    subject: 'template files',
    message: `${catalog.validTemplates.length} usable template(s) from ${present.length > 0 ? present.join(', ') : 'no file'}`,
    ...(catalog.validTemplates.length > 0 ? {} : { fix: 'add templates (awsprov_templates.json, templates.json, …) to the config directory' }),
  });
}

async function checkProviders(runtime: CliRuntime, context: Parameters<CommandDefinition['run']>[1], findings: Finding[]): Promise<void> {
  const { configuration } = runtime.loaded;
  const templates = (await runtime.templateLoader.load()).validTemplates;
  if (configuration.providers.providers.length === 0) {
    findings.push({ area: 'configuration', status: 'error', subject: 'providers', message: 'no provider instance is configured', fix: 'add one under providers.providers in config.yaml (see the README, "Connect your cloud accounts")' });
  }
  for (const instance of configuration.providers.providers) {
    const subject = `${instance.name} (${instance.type})`;
    if (!instance.enabled) {
      findings.push({ area: 'credentials', status: 'info', subject, message: 'disabled: not checked' });
      continue;
    }
    const credentials = credentialSourceOf(instance.type, instance.config, context.environment);
    findings.push({
      area: 'credentials',
      status: credentials.state === 'found' ? 'ok' : credentials.state === 'missing' ? 'error' : 'warning',
      subject,
      message: credentials.state === 'missing' ? `no credentials: ${credentials.source} not found` : `would use ${credentials.source}`,
      ...(credentials.fix ? { fix: credentials.fix } : {}),
    });
    if (credentials.state === 'missing') continue;
    // Unhealthy means the identity check failed: every dry-run launch would fail the same way.
    let answered = false;
    try {
      // The fields a report may carry besides status (latency, the account a check found).
      const health = (await dispatch(context, { type: 'GetProviderHealth', providerName: instance.name, includeDetails: true })) as unknown as {
        providers: readonly { status?: string; healthy?: boolean; message?: string | null; latencyMs?: number; details?: Record<string, unknown> }[];
      };
      const [report] = health.providers;
      const healthy = report?.status === 'healthy' || report?.healthy === true;
      answered = report !== undefined && report.status !== 'unhealthy';
      const account = report?.details?.account ?? report?.details?.email ?? report?.details?.username;
      findings.push({
        area: 'reachability',
        status: healthy ? 'ok' : 'error',
        subject,
        message: healthy
          ? `answered${account ? ` (account ${String(account)})` : ''}${report?.latencyMs === undefined ? '' : ` in ${Math.round(report.latencyMs)} ms`}`
          : `health check failed: ${report?.message ?? report?.status ?? 'no answer'}`,
        ...(healthy ? {} : { fix: 'check the credentials, the region/endpoint and the network path to the provider' }),
      });
    } catch (error) {
      findings.push({ area: 'reachability', status: 'error', subject, message: OhfError.isInstance(error) ? `${error.code}: ${error.message}` : String(error), fix: 'check the credentials and the network path to the provider' });
    }
    if (instance.type === 'aws') {
      const apis = new Set(templates.map((template) => template.providerApi ?? 'RunInstances').filter((api) => instance.capabilities.length === 0 || instance.capabilities.includes(api)));
      const actions = [...new Set([...apis].flatMap((api) => AWS_ACTIONS_BY_API[api] ?? []))].sort();
      findings.push({
        area: 'reachability',
        status: 'info',
        subject,
        message: `the templates it serves use ${[...apis].join(', ') || 'no API'}: the IAM actions ${actions.join(', ')} (granted by docs/aws-iam-policy.json)`,
      });
      if (!answered) {
        findings.push({ area: 'reachability', status: 'info', subject, message: 'no dry-run launch sent: the health check failed first' });
        continue;
      }
      try {
        await checkAwsLaunches(runtime, context, instance, findings);
      } catch (error) {
        findings.push({ area: 'reachability', status: 'error', subject, message: `dry-run launch not checked: ${OhfError.isInstance(error) ? `${error.code}: ${error.message}` : String(error)}`, fix: 'check the provider instance configuration' });
      }
    }
  }
}

async function checkStorage(runtime: CliRuntime, context: Parameters<CommandDefinition['run']>[1], findings: Finding[]): Promise<void> {
  const { storage } = runtime.loaded.configuration;
  const where = storage.strategy === 'sqlite' ? storage.sqlite.path : storage.strategy === 'json' ? storage.json.path : 'PostgreSQL (storage.postgres.url)';
  try {
    const { total } = await dispatch(context, { type: 'ListRequests', limit: 1 });
    findings.push({ area: 'storage', status: 'ok', subject: storage.strategy, message: `${where}: opened, ${total} request(s) stored` });
  } catch (error) {
    findings.push({ area: 'storage', status: 'error', subject: storage.strategy, message: `${where}: ${(error as Error).message}`, fix: 'check storage in config.yaml and that the work directory is writable' });
  }
}

function nextSteps(findings: readonly Finding[]): string[] {
  const fixes = findings.filter((finding) => finding.fix !== undefined && (finding.status === 'error' || finding.status === 'warning')).map((finding) => `${finding.subject}: ${finding.fix}`);
  if (fixes.length > 0) return [...new Set(fixes)];
  return ['ohfp getAvailableTemplates                       # the templates Symphony will see', 'ohfp requestMachines --dry-run --data \'{"template":{"templateId":"<id>","machineCount":1}}\'   # a plan, nothing sent'];
}

export const doctorCommand: CommandDefinition = {
  path: ['doctor'],
  group: 'Setup',
  summary: 'Check the installation: config directory, configuration keys, templates, credentials, reachability and storage.',
  description:
    'Says which config directory it used and why, reports unknown configuration keys with a suggestion, broken template files with the reason, which credential source every enabled provider instance would use (never the secret), whether each answers (AWS: STS and EC2, and a dry-run RunInstances for each of the first 5 templates it serves; Linode: the profile; DigitalOcean: the account), and what to do next. Exit code by the worst finding: 3 configuration or templates, 5 credentials or reachability, 6 storage, 0 when only warnings remain.',
  examples: ['ohfp doctor --format table', 'HF_PROVIDER_CONFDIR=examples/config ohfp doctor'],
  run: async (_invocation, context) => {
    const findings: Finding[] = [];
    const { configDirectory } = directoriesOf(context.environment, context.currentDirectory, context.configDirectory);
    const reason = configDirectoryReason(context.environment, context.configDirectory, configDirectory);
    findings.push({
      area: 'configuration',
      status: holdsConfiguration(configDirectory) ? 'ok' : 'error',
      subject: 'config directory',
      message: `${configDirectory} (${reason})`,
      ...(holdsConfiguration(configDirectory) ? {} : { fix: 'set HF_PROVIDER_CONFDIR to the directory holding config.yaml and the template files' }),
    });
    let secrets: readonly string[] = [];
    let runtime: CliRuntime | undefined;
    try {
      runtime = await context.runtime();
    } catch (error) {
      if (findings[0]!.status !== 'error') {
        findings.push({ area: 'configuration', status: 'error', subject: 'configuration', message: (error as Error).message, fix: 'fix the file and key named' });
      }
    }
    if (runtime !== undefined) {
      const { loaded } = runtime;
      secrets = configuredSecrets(loaded.configuration, context.environment);
      findings.push({ area: 'configuration', status: 'ok', subject: 'configuration file', message: loaded.file ?? 'none: defaults and HF_* variables only' });
      for (const key of loaded.unknownKeys) {
        findings.push({
          area: 'configuration',
          status: 'warning',
          subject: key.path,
          message: `not a configuration key; it has no effect${key.suggestion ? `; did you mean ${key.suggestion}?` : ''}`,
          fix: key.suggestion ? `rename it to ${key.suggestion} in ${loaded.file}` : `remove it from ${loaded.file}`,
        });
      }
      await checkTemplates(runtime, findings);
      await checkProviders(runtime, context, findings);
      await checkStorage(runtime, context, findings);
    }
    const exitCode = exitCodeOf(findings);
    const output = redactValue({ ok: exitCode === EXIT_CODES.success, configDirectory, configDirectoryReason: reason, findings, nextSteps: nextSteps(findings) }, secrets) as { findings: readonly Finding[] };
    return {
      exitCode,
      output,
      table: { columns: ['area', 'status', 'subject', 'message'], rows: output.findings.map((finding) => [finding.area, finding.status, finding.subject, finding.message]) },
    };
  },
};
