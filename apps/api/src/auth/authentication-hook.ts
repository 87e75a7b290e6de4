import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { ApiConfiguration } from '../configuration/api-configuration.js';
import { apiError, type ApiError } from '../http/api-error.js';
import { sendError } from '../http/error-handler.js';
import { RateLimiter } from '../http/rate-limiter.js';
import type { Authenticator } from './authenticator.js';
import { AUTHENTICATION_OFF_PRINCIPAL, type Principal } from './principal.js';
import { principalMay, scopeOfPermission, scopesOfRole, type RouteAccess } from './route-access.js';
import { recordRouteAccess } from './route-access-table.js';
import { presentedCredentialOf } from './session-credential.js';

/**
 * Checks every request before its body is read: the route's required permission
 * (`config.access`, default read) against the role of the presented key in its organization,
 * then the caller's rate limit. Missing or unknown keys are 401, a role without the permission
 * is 403, too many requests 429 with Retry-After. With authentication off every caller is an
 * admin (and platform admin) of the default organization. The key may come from the console's
 * session cookie (see session-cookie.ts).
 */
export function installAuthentication(
  server: FastifyInstance,
  configuration: ApiConfiguration,
  authenticator: Authenticator,
): void {
  const limiter = configuration.rate_limit.enabled
    ? new RateLimiter({ requestsPerSecond: configuration.rate_limit.requests_per_second, burst: configuration.rate_limit.burst })
    : undefined;
  const authenticationOn = configuration.auth.enabled;
  recordRouteAccess(server);

  /** The refusal for this request, or undefined to let it through (setting `request.principal`). */
  const refusal = (request: FastifyRequest, principal: Principal | null | undefined): ApiError | undefined => {
    const access: RouteAccess = request.routeOptions.config.access ?? 'read';
    if (!authenticationOn) {
      if (access !== 'public') request.principal = AUTHENTICATION_OFF_PRINCIPAL;
    } else if (access !== 'public' && !(access === 'optional' && principal === undefined)) {
      if (principal === null || principal === undefined) return apiError('UNAUTHORIZED', 'The API key is not valid.');
      if (access !== 'optional' && !principalMay(principal, access)) {
        const needs = access === 'platform' ? 'a platform admin' : `the "${access}" permission`;
        return apiError('FORBIDDEN', `"${principal.name}" (${principal.role} of organization ${principal.organizationId}) lacks ${needs}, which this route needs.`, {
          required_permission: access,
          role: principal.role,
          required_scope: scopeOfPermission(access),
          granted_scopes: [...scopesOfRole(principal.role)],
        });
      }
      request.principal = principal;
    }
    if (limiter !== undefined) {
      const caller = authenticationOn && request.principal !== undefined ? `key:${request.principal.keyId ?? request.principal.name}` : `ip:${request.ip}`;
      const decision = limiter.take(caller);
      if (!decision.allowed) {
        return apiError(
          'RATE_LIMIT_EXCEEDED',
          'Too many requests; slow down and retry after the time given.',
          { retry_after_ms: decision.retryAfterMs },
          decision.retryAfterMs,
        );
      }
    }
    return undefined;
  };

  // A callback hook, not an async one: a key seen before is settled without a promise.
  server.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const access: RouteAccess = request.routeOptions.config.access ?? 'read';
    if (access === 'public' || !authenticationOn) {
      const refused = refusal(request, undefined);
      if (refused) sendError(reply, refused);
      else done();
      return;
    }
    // A header, else the console's session cookie (whose changes need its CSRF header).
    const { key: presented, refusal: sessionRefusal } = presentedCredentialOf(request.method, request.headers);
    if (sessionRefusal !== undefined) {
      sendError(reply, sessionRefusal);
      return;
    }
    if (presented === undefined && access === 'optional') {
      const refused = refusal(request, undefined);
      if (refused) sendError(reply, refused);
      else done();
      return;
    }
    if (presented === undefined) {
      sendError(reply, apiError('UNAUTHORIZED', 'This route needs an API key: send "Authorization: Bearer <key>" or "X-API-Key: <key>", or sign in to the console.'));
      return;
    }
    const known = presented === '' ? null : authenticator.remembered(presented);
    if (known !== undefined) {
      const refused = refusal(request, known);
      if (refused) sendError(reply, refused);
      else done();
      return;
    }
    authenticator.authenticate(presented).then(
      (principal) => {
        const refused = refusal(request, principal ?? null);
        if (refused) sendError(reply, refused);
        else done();
      },
      (error: unknown) => done(error as Error),
    );
  });
}
