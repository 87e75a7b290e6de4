import type { FastifyRequest } from 'fastify';
import { ORGANIZATION_ROLES } from '@ohf/domain-core';
import { z } from 'zod';
import { apiError } from '../http/api-error.js';
import { COMMON_ERROR_RESPONSES, plainText } from '../schemas/common-schemas.js';
import type { ZodServer } from '../server/create-api-server.js';
import type { Authenticator } from './authenticator.js';
import { AUTHENTICATION_OFF_PRINCIPAL, type Principal } from './principal.js';
import { scopesOfRole } from './route-access.js';
import { API_SCOPES } from './scopes.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';
import { csrfRefusal } from './session-credential.js';

const SessionSchema = z
  .object({
    name: z.string().describe('The name of the key or user signed in ("anonymous" with authentication off).'),
    organizationId: z.string().describe('The organization every route acts in.'),
    role: z.enum(ORGANIZATION_ROLES).describe('The role held there: viewer reads, operator also acts on requests and machines, admin also administers.'),
    platformAdmin: z.boolean().describe('Manages organizations, users and keys of every organization.'),
    scopes: z.array(z.enum(API_SCOPES)).describe('The role as the configuration file\'s scope words (read ⊂ write ⊂ admin).'),
    authentication: z.boolean().describe('False when the server runs with authentication off: everyone is an admin.'),
  })
  .meta({ id: 'Session', description: 'Who the console is signed in as.' });

// A key is one line of printable text: anything else is refused before it is checked.
const SignInSchema = z.object({ key: plainText(512).describe('An API key.') }).meta({ id: 'SignIn' });

function sessionOf(principal: Principal, authentication: boolean): z.infer<typeof SessionSchema> {
  const scopes = scopesOfRole(principal.role);
  return {
    name: principal.name,
    organizationId: principal.organizationId,
    role: principal.role,
    platformAdmin: principal.platformAdmin,
    scopes: API_SCOPES.filter((scope) => scopes.includes(scope)),
    authentication,
  };
}

/** Behind TLS (or a proxy that terminated it, with trust_proxy) the cookie must never travel in clear. */
const cookieOptions = (request: FastifyRequest) => ({ secure: request.protocol === 'https' });

/**
 * The console's sign-in: `POST /session` checks a key as the authentication hook does and
 * keeps it in an httpOnly cookie; `GET /session` says who is signed in; `DELETE /session`
 * signs out. Sign-in and sign-out need the CSRF header too, so no other page can sign a
 * browser in with a key of its choosing or out of its session.
 */
export function registerSessionRoutes(server: ZodServer, authenticator: Authenticator, authenticationOn: boolean): void {
  const tags = ['session'];

  server.get(
    '/session',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'Who the console (or the key sent) is signed in as', response: { 200: SessionSchema, ...COMMON_ERROR_RESPONSES } },
    },
    async (request) => sessionOf(request.principal ?? AUTHENTICATION_OFF_PRINCIPAL, authenticationOn),
  );

  server.post(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign the console in with an API key (an httpOnly, SameSite=Strict cookie); needs "X-OHF-CSRF: 1"',
        body: SignInSchema,
        response: { 200: SessionSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      if (request.headers['x-ohf-csrf'] !== '1') throw csrfRefusal();
      if (!authenticationOn) return sessionOf(AUTHENTICATION_OFF_PRINCIPAL, false);
      const principal = await authenticator.authenticate(request.body.key);
      if (principal === undefined) throw apiError('UNAUTHORIZED', 'The API key is not valid.');
      void reply.header('set-cookie', sessionCookie(request.body.key, cookieOptions(request)));
      return sessionOf(principal, true);
    },
  );

  server.delete(
    '/session',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign the console out (the cookie is cleared); needs "X-OHF-CSRF: 1"', response: { 200: z.object({ signedOut: z.literal(true) }), ...COMMON_ERROR_RESPONSES } },
    },
    async (request, reply) => {
      if (request.headers['x-ohf-csrf'] !== '1') throw csrfRefusal();
      void reply.header('set-cookie', clearedSessionCookie(cookieOptions(request)));
      return { signedOut: true as const };
    },
  );
}
