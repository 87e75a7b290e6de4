import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalMay, type RoutePermission } from '../src/auth/route-access.js';
import { routeAccessTable } from '../src/auth/route-access-table.js';
import type { Principal } from '../src/auth/principal.js';
import { eventually, startTestApi, WEB_TEMPLATE, type TestApi, type TestApiOptions } from './api-harness.js';
import { answerOrStream, walkEveryRoute } from './isolation-walk.js';
import { createTestOrganization, ROLES, type TestOrganization } from './tenancy-harness.js';

const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
const LEAKY_ROUTE = 'GET /api/v1/leaky/requests/{id}';
/** Open streams the walk cannot read; audit-trail-suite.ts proves they never send another organization's events. */
const STREAM_ROUTES = ['GET /api/v1/events/stream'];

/** Storage for one run of the suite, and how to drop it afterwards. */
export interface SuiteStorage {
  readonly storage?: TestApiOptions['storage'];
  drop(): Promise<void>;
}

/**
 * Two organizations on one server: organization A's data (a template, a registered provider
 * instance, a provisioned request and its machines, a markup rule, users and keys), then the
 * role × route matrix and the cross-organization walk over the whole OpenAPI document.
 */
export function describeTenancyIsolation(storageName: string, openStorage: () => Promise<SuiteStorage>): void {
  describe(`organizations are isolated on every route (${storageName})`, () => {
    let suiteStorage: SuiteStorage;
    let harness: TestApi;
    let alpha: TestOrganization;
    let bravo: TestOrganization;
    let owned: Record<string, string>;
    let secrets: string[];

    beforeAll(async () => {
      suiteStorage = await openStorage();
      harness = await startTestApi({
        ...(suiteStorage.storage === undefined ? {} : { storage: suiteStorage.storage }),
        environment: { OHF_ENCRYPTION_KEY: ENCRYPTION_KEY },
        beforeReady: (api) => {
          // A route that forgets the caller's organization: the walk must catch it.
          api.server.withTypeProvider<ZodTypeProvider>().get(
            '/api/v1/leaky/requests/:id',
            { schema: { params: z.object({ id: z.string() }) } },
            async (request) => {
              const { request: found } = await api.application.dispatch({ type: 'GetRequest', requestId: request.params.id });
              return { requestId: found.requestId, templateId: found.templateId };
            },
          );
        },
      });
      alpha = await createTestOrganization(harness, 'alpha-org');
      bravo = await createTestOrganization(harness, 'bravo-org');

      const template = await harness.inject({ method: 'POST', url: '/api/v1/templates', key: alpha.keys.admin, payload: { ...WEB_TEMPLATE, templateId: 'alpha-template' } });
      expect(template.statusCode, template.body).toBe(201);
      const registered = await harness.inject({
        method: 'POST',
        url: '/api/v1/providers/strategy/register',
        key: alpha.keys.admin,
        payload: { strategy_name: 'alpha-cloud', provider_type: 'memory' },
      });
      expect(registered.statusCode, registered.body).toBe(201);
      const markup = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/alpha-markup', key: alpha.keys.admin, payload: { percent: 7 } });
      expect(markup.statusCode, markup.body).toBe(200);
      const webhook = await harness.inject({ method: 'POST', url: '/api/v1/webhooks', key: alpha.keys.admin, payload: { url: 'https://alpha-hooks.example.com/events' } });
      expect(webhook.statusCode, webhook.body).toBe(201);
      const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: alpha.keys.operator, payload: { templateId: 'alpha-template', maxNumber: 2 } });
      expect(created.statusCode, created.body).toBe(202);
      const requestId = created.json().request.requestId as string;
      const done = await eventually(
        () => harness.inject({ method: 'GET', url: `/api/v1/requests/${requestId}`, key: alpha.keys.viewer }),
        (response) => response.json().progress?.final === true,
        15_000,
      );
      const machineIds = (done.json().machines as { machineId: string }[]).map((machine) => machine.machineId);
      expect(machineIds).toHaveLength(2);
      owned = {
        requests: requestId,
        machines: machineIds[0]!,
        templates: 'alpha-template',
        markups: 'alpha-markup',
        providers: 'alpha-cloud',
        organizations: 'alpha-org',
        users: alpha.userIds.viewer,
        members: alpha.userIds.viewer,
        'api-keys': alpha.adminKeyId,
        webhooks: webhook.json().webhookId as string,
      };
      secrets = [...new Set([...Object.values(owned), ...machineIds, ...Object.values(alpha.userIds), 'alpha-hooks.example.com'])];
    }, 60_000);

    afterAll(async () => {
      await harness?.close();
      await suiteStorage?.drop();
    });

    it('answers every route by role: allowed roles reach the handler, the others get 403', async () => {
      const callers: { readonly label: string; readonly principal: Principal; readonly key: { bearer: string } | 'admin' }[] = [
        ...ROLES.map((role) => ({ label: role, principal: { name: role, organizationId: 'bravo-org', role, platformAdmin: false }, key: bravo.keys[role] })),
        { label: 'platform admin', principal: { name: 'admin-client', organizationId: 'default', role: 'admin', platformAdmin: true }, key: 'admin' as const },
      ];
      const routes = routeAccessTable(harness.api.server).filter(
        (route) => route.access !== 'public' && route.access !== 'optional' && !route.url.startsWith('/api/v1/docs') && !route.url.startsWith('/api/v1/leaky'),
      );
      expect(routes.length).toBeGreaterThan(40);
      const wrong: string[] = [];
      const streamed: string[] = [];
      for (const route of routes) {
        const url = route.url.replace(/:(\w+)/g, 'matrix-none');
        const permission = route.access as RoutePermission;
        for (const caller of callers) {
          // An event stream answered at all let the caller through, whether or not it ends later: no wait for its end.
          const response = await answerOrStream(
            harness,
            { method: route.method as 'GET', url, key: caller.key, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) },
            0,
          );
          if (response === 'streaming') {
            streamed.push(`${route.method} ${route.url} as ${caller.label}`);
            if (!principalMay(caller.principal, permission)) wrong.push(`${route.method} ${route.url} (${permission}) as ${caller.label}: streams`);
            continue;
          }
          const refusedForRole = response.statusCode === 403 && response.json().error?.details?.required_permission === permission;
          const allowed = principalMay(caller.principal, permission);
          if (allowed === refusedForRole || response.statusCode === 401) {
            wrong.push(`${route.method} ${route.url} (${permission}) as ${caller.label}: ${response.statusCode} ${response.body.slice(0, 160)}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      // The audit event stream is open to every role that may read: the matrix did see it stream.
      expect(streamed).toEqual(expect.arrayContaining(callers.map((caller) => `GET /api/v1/events/stream as ${caller.label}`)));
    }, 120_000);

    it("answers organization A's ids to organization B exactly as missing ones, on every route of the OpenAPI document", async () => {
      const problems = await walkEveryRoute(harness, { key: bravo.keys.admin, ids: owned, secrets, skip: [LEAKY_ROUTE, ...STREAM_ROUTES] });
      expect(problems).toEqual([]);
      // B's calls changed nothing of A's.
      const request = await harness.inject({ method: 'GET', url: `/api/v1/requests/${owned['requests']}`, key: alpha.keys.viewer });
      expect(request.json().request).toMatchObject({ status: 'complete' });
      const template = await harness.inject({ method: 'GET', url: '/api/v1/templates/alpha-template', key: alpha.keys.viewer });
      expect(template.json().template.maxNumber).toBe(WEB_TEMPLATE.maxNumber);
      const markups = await harness.inject({ method: 'GET', url: '/api/v1/pricing/markups', key: alpha.keys.admin });
      expect(markups.json().rules).toContainEqual(expect.objectContaining({ id: 'alpha-markup', percent: 7 }));
      const keys = await harness.inject({ method: 'GET', url: '/api/v1/api-keys', key: alpha.keys.admin });
      expect(keys.json().keys.find((key: { keyId: string }) => key.keyId === alpha.adminKeyId)?.revokedAt).toBeUndefined();
    }, 180_000);

    it("never lets organization B's requests use A's provider instance", async () => {
      const prefer = (instance: string) =>
        harness.inject({
          method: 'POST',
          url: '/api/v1/requests',
          key: bravo.keys.operator,
          payload: { templateId: 'web-server', maxNumber: 1, providerPreference: { instance }, dryRun: true },
        });
      const owned = await prefer('alpha-cloud');
      const missing = await prefer('zeta-cloud');
      expect(owned.statusCode).toBeGreaterThanOrEqual(400);
      expect(owned.statusCode).toBe(missing.statusCode);
      expect(owned.json().error.code).toBe(missing.json().error.code);
      expect(owned.body.split('alpha-cloud').join('<name>')).toBe(missing.body.split('zeta-cloud').join('<name>'));
      // Selection among everything B may use never lands on A's instance.
      const selected = await harness.inject({ method: 'POST', url: '/api/v1/providers/strategy/select', key: bravo.keys.operator, payload: { selection_criteria: { prefer_strategies: ['alpha-cloud'] } } });
      expect(selected.statusCode).toBe(200);
      expect(selected.body).not.toContain('alpha-cloud');
    });

    it('catches a route that forgets the organization', async () => {
      const problems = await walkEveryRoute(harness, { key: bravo.keys.viewer, ids: owned, secrets, skip: STREAM_ROUTES });
      const leaky = problems.filter((problem) => problem.startsWith(LEAKY_ROUTE));
      expect(leaky.length).toBeGreaterThan(0);
      expect(leaky.join('\n')).toMatch(/answers 200 for organization A's id but 404 for a missing one|holds organization A's/);
    }, 180_000);
  });
}
