import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { createStorage } from '@ohf/persistence';
import { describe, expect, it } from 'vitest';
import { createWorkspace, runOhfp, WEB_TEMPLATES, type CliRun, type Workspace } from './cli-harness.js';

/**
 * Provider instances across `ohfp` invocations, each a fresh process as Symphony runs them:
 * instances registered at run time, periodic health checks, and templates validated against
 * what an instance declares.
 */

const ENCRYPTION_KEY = randomBytes(32).toString('base64');
const WEB = WEB_TEMPLATES.templates[0]!;

function workspaceWith(templates: readonly Record<string, unknown>[], environment: Record<string, string> = {}): Workspace {
  const workspace = createWorkspace({ 'templates.json': { templates } });
  workspace.write('config.yaml', {
    providers: {
      selection_policy: 'PRIORITY',
      default_provider_instance: 'mem-a',
      providers: [
        {
          name: 'mem-a',
          type: 'memory',
          priority: 5,
          capabilities: ['RunInstances'],
          config: { statePath: join(workspace.workDirectory, 'cloud-a.json'), capabilities: { apis: ['RunInstances', 'SpotFleet'] } },
        },
      ],
    },
    storage: { strategy: 'sqlite' },
    provisioning: { missing_machine_grace_seconds: 0 },
  });
  Object.assign(workspace.environment, environment);
  return workspace;
}

const ohfp = (workspace: Workspace, ...args: string[]): Promise<CliRun> => runOhfp(args, workspace.environment);

async function succeed<T = Record<string, unknown>>(workspace: Workspace, ...args: string[]): Promise<T> {
  const run = await ohfp(workspace, ...args);
  if (run.exitCode !== 0) throw new Error(`ohfp ${args.join(' ')} exited ${run.exitCode}: ${run.stdout}${run.stderr}`);
  return run.json<T>();
}

describe('registerProviderStrategy from the CLI', () => {
  it('keeps the instance in storage, so later invocations list it, select it and provision on it', async () => {
    const workspace = workspaceWith([WEB, { ...WEB, templateId: 'web-reg', providerName: 'mem-reg' }], { OHF_ENCRYPTION_KEY: ENCRYPTION_KEY });
    const registeredState = join(workspace.workDirectory, 'cloud-reg.json');
    const registered = await succeed<{ instance: { name: string } }>(
      workspace,
      'registerProviderStrategy',
      '--data',
      JSON.stringify({
        strategy_name: 'mem-reg',
        provider_type: 'memory',
        strategy_config: { statePath: registeredState },
        capabilities: ['RunInstances'],
        priority: 1,
      }),
    );
    expect(registered.instance).toMatchObject({ name: 'mem-reg', type: 'memory', capabilities: ['RunInstances'] });

    // Stored like the API's registrations: settings sealed, never in clear.
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path: join(workspace.workDirectory, 'request_database.db') } });
    try {
      const stored = await storage.providerInstances.find('mem-reg');
      expect(stored).toMatchObject({ name: 'mem-reg', organizationId: 'default', type: 'memory' });
      expect(stored?.sealedCredentials).toMatch(/^aes-256-gcm:v2:[0-9a-f]{8}:/);
    } finally {
      await storage.close();
    }

    const listed = await succeed<{ providers: { name: string }[] }>(workspace, 'listAvailableProviders');
    expect(listed.providers.map((provider) => provider.name)).toEqual(['mem-a', 'mem-reg']);
    // PRIORITY: the registered instance (priority 1) comes before mem-a (priority 5).
    const selected = await succeed<{ providerInstance: string }>(workspace, 'selectProviderStrategy', '--data', '{"operation_type":"CREATE_INSTANCES"}');
    expect(selected.providerInstance).toBe('mem-reg');

    const requested = await succeed<{ requestId: string }>(
      workspace,
      'requestMachines',
      '--data',
      JSON.stringify({ template: { templateId: 'web-reg', machineCount: 2 } }),
    );
    const { requests } = await succeed<{ requests: { status: string; machines: unknown[] }[] }>(
      workspace,
      'getRequestStatus',
      '--data',
      JSON.stringify({ requests: [{ requestId: requested.requestId }] }),
    );
    expect(requests[0]!.machines).toHaveLength(2);
    expect(new InMemoryCloud({ statePath: registeredState }).instances()).toHaveLength(2);
    expect(new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') }).instances()).toHaveLength(0);
  });

  it('refuses to store credentials in clear without an encryption key, saying which variable to set', async () => {
    const workspace = workspaceWith([WEB]);
    const run = await ohfp(workspace, 'registerProviderStrategy', '--data', '{"strategy_name":"mem-reg","provider_type":"memory","strategy_config":{}}');
    expect(run.exitCode).not.toBe(0);
    expect(run.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/OHF_ENCRYPTION_KEY/) });
    const listed = await succeed<{ providers: { name: string }[] }>(workspace, 'listAvailableProviders');
    expect(listed.providers.map((provider) => provider.name)).toEqual(['mem-a']);
  });
});

describe('templates validate --provider', () => {
  it('refuses an API the instance does not declare, naming the API and the instance\'s APIs, even when the provider could run it', async () => {
    const workspace = workspaceWith([WEB, { ...WEB, templateId: 'spot', providerApi: 'SpotFleet' }]);
    const refused = await ohfp(workspace, 'templates', 'validate', 'spot', '--provider', 'mem-a');
    expect(refused.exitCode).toBe(1);
    const report = refused.json<{ valid: boolean; providerInstance: string; errors: { code: string; field?: string; message: string }[] }>();
    expect(report).toMatchObject({ valid: false, providerInstance: 'mem-a' });
    expect(report.errors).toContainEqual(
      expect.objectContaining({ code: 'API_NOT_SUPPORTED', field: 'providerApi', message: expect.stringMatching(/"SpotFleet".*its APIs: RunInstances/) }),
    );
    // Without --provider there is no instance to hold it against.
    expect((await ohfp(workspace, 'templates', 'validate', 'spot')).exitCode).toBe(0);
    expect((await ohfp(workspace, 'templates', 'validate', 'web', '--provider', 'mem-a')).exitCode).toBe(0);
  });
});

describe('configureProviderStrategy health_check_interval', () => {
  interface Listed {
    providers: { name: string; status: string; available: boolean }[];
  }
  const memA = async (workspace: Workspace) => (await succeed<Listed>(workspace, 'listAvailableProviders')).providers.find((provider) => provider.name === 'mem-a');

  it('checks every enabled instance on the first call after the interval has passed, the schedule kept in storage', async () => {
    const workspace = workspaceWith([WEB]);
    const cloud = new InMemoryCloud({ statePath: join(workspace.workDirectory, 'cloud-a.json') });
    cloud.setHealthy(false);
    // No interval: nothing checks, so the outage goes unseen, and the health is not known.
    expect(await memA(workspace)).toMatchObject({ status: 'unknown', available: true });

    const configured = await succeed<{ healthCheckIntervalSeconds: number }>(workspace, 'configureProviderStrategy', '--data', '{"health_check_interval":0.001}');
    expect(configured.healthCheckIntervalSeconds).toBe(0.001);
    // Each later invocation comes after the interval: it checks first.
    expect(await memA(workspace)).toMatchObject({ status: 'unhealthy', available: false });
    cloud.setHealthy(true);
    expect(await memA(workspace)).toMatchObject({ status: 'healthy', available: true });
    const metrics = await succeed<{ providers: { instance: string; operations?: Record<string, unknown> }[] }>(
      workspace,
      'getProviderMetrics',
      '--data',
      '{"provider_name":"mem-a","include_operation_breakdown":true}',
    );
    expect(JSON.stringify(metrics)).toMatch(/HEALTH_CHECK/);

    // A long interval: the check this call runs is the last for an hour, so a new outage goes unseen.
    await succeed(workspace, 'configureProviderStrategy', '--data', '{"health_check_interval":3600}');
    cloud.setHealthy(false);
    expect(await memA(workspace)).toMatchObject({ status: 'healthy', available: true });
  });
});
