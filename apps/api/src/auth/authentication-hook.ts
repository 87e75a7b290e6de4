import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { ApiConfiguration } from '../configuration/api-configuration.js';
import { apiError, type ApiError } from '../http/api-error.js';
import { sendError } from '../http/error-handler.js';
import { RateLimiter } from '../http/rate-limiter.js';
import type { RouteAccess } from '../server/request-context.js';
import type { Authenticator, Principal } from './authenticator.js';
import { presentedCredentialOf } from './session-credential.js';

/**
 * Checks every request before its body is read: the route's required scope (`config.access`,
 * default read) against the presented key, then the caller's rate limit. Missing or unknown
 * keys are 401, a key without the scope is 403, too many requests 429 with Retry-After. The key
 * may come from the console's session cookie (see session-cookie.ts).
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

  /** The refusal for this request, or undefined to let it through (setting `request.principal`). */
  const refusal = (request: FastifyRequest, principal: Principal | null | undefined): ApiError | undefined => {
    const access: RouteAccess = request.routeOptions.config.access ?? 'read';
    if (access === 'public') return undefined;
    if (access === 'optional' && principal === undefined) return undefined;
    if (authenticationOn) {
      if (principal === null || principal === undefined) return apiError('UNAUTHORIZED', 'The API key is not valid.');
      if (access !== 'optional' && !principal.scopes.has(access)) {
        return apiError('FORBIDDEN', `The key "${principal.name}" lacks the "${access}" scope this route needs.`, {
          required_scope: access,
          granted_scopes: [...principal.scopes],
        });
      }
      request.principal = principal;
    }
    if (limiter !== undefined) {
      const decision = limiter.take(request.principal ? `key:${request.principal.name}` : `ip:${request.ip}`);
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
