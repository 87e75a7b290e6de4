import type { GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import { ProviderSdkError } from '@ohf/provider-sdk';
import type { HealthCheckResultV1 } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';

interface Probe {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly error?: { code: string; message: string };
}

async function probe<Output>(now: () => number, call: () => Promise<Output>): Promise<Probe & { output?: Output }> {
  const started = now();
  try {
    const output = await call();
    return { ok: true, latencyMs: now() - started, output };
  } catch (error) {
    const code = ProviderSdkError.isInstance(error) ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, latencyMs: now() - started, error: { code, message } };
  }
}

/**
 * STS GetCallerIdentity (are the credentials good, which account), then EC2 and Auto Scaling
 * reachability. Identity failing is unhealthy, unless AWS only throttled it (reachable and
 * authorised, only busy); one service failing is degraded.
 */
export async function checkAwsHealth(scope: AwsCallScope, now: () => number): Promise<HealthCheckResultV1> {
  const started = now();
  const identity = await probe(now, () => scope.read<GetCallerIdentityCommandOutput>('STS', 'GetCallerIdentity', {}, { retry: false }));
  const [ec2, autoScaling] = identity.ok
    ? await Promise.all([
        probe(now, () => scope.read('EC2', 'DescribeRegions', { RegionNames: [scope.region] }, { retry: false })),
        probe(now, () => scope.read('AutoScaling', 'DescribeAccountLimits', {}, { retry: false })),
      ])
    : [undefined, undefined];
  const throttled = identity.error?.code === 'RATE_LIMIT_EXCEEDED';
  const status = !identity.ok && !throttled ? 'unhealthy' : identity.ok && ec2?.ok && autoScaling?.ok ? 'healthy' : 'degraded';
  const probes: Array<[string, Probe | undefined]> = [
    ['STS', identity],
    ['EC2', ec2],
    ['AutoScaling', autoScaling],
  ];
  const failed = probes.filter((entry): entry is [string, Probe] => entry[1] !== undefined && !entry[1].ok);
  return {
    status,
    latencyMs: now() - started,
    checkedAt: new Date(now()).toISOString(),
    ...(failed.length > 0 ? { message: failed.map(([service, result]) => `${service}: ${result.error?.message}`).join('; ') } : {}),
    details: {
      region: scope.region,
      ...(identity.output?.Account ? { account: identity.output.Account } : {}),
      ...(identity.output?.Arn ? { arn: identity.output.Arn } : {}),
      checks: {
        sts: summary(identity),
        ...(ec2 ? { ec2: summary(ec2) } : {}),
        ...(autoScaling ? { autoScaling: summary(autoScaling) } : {}),
      },
    },
  };
}

function summary(result: Probe): Record<string, unknown> {
  return { ok: result.ok, latencyMs: result.latencyMs, ...(result.error ? { error: result.error } : {}) };
}
