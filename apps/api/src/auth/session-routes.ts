import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiError } from '../http/api-error.js';
import { COMMON_ERROR_RESPONSES } from '../schemas/common-schemas.js';
import type { ZodServer } from '../server/create-api-server.js';
import type { Authenticator, Principal } from './authenticator.js';
import { API_SCOPES } from './scopes.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';
import { csrfRefusal } from './session-credential.js';

const SessionSchema = z
  .object({
    name: z.string().describe('The name of the key signed in with ("anonymous" with authentication off).'),
    scopes: z.array(z.enum(API_SCOPES)).describe('What the key may do, implied scopes included.'),
    authentication: z.boolean().describe('False when the server runs with authentication off: everyone is an admin.'),
  })
  .meta({ id: 'Session', description: 'Who the console is signed in as.' });

const SignInSchema = z.object({ key: z.string().min(1).max(512).describe('An API key.') }).meta({ id: 'SignIn' });

const ANONYMOUS = { name: 'anonymous', scopes: [...API_SCOPES], authentication: false };

function sessionOf(principal: Principal): z.infer<typeof SessionSchema> {
  return { name: principal.name, scopes: API_SCOPES.filter((scope) => principal.scopes.has(scope)), authentication: true };
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
    async (request) => (request.principal === undefined ? ANONYMOUS : sessionOf(request.principal)),
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
      if (!authenticationOn) return ANONYMOUS;
      const principal = await authenticator.authenticate(request.body.key);
      if (principal === undefined) throw apiError('UNAUTHORIZED', 'The API key is not valid.');
      void reply.header('set-cookie', sessionCookie(request.body.key, cookieOptions(request)));
      return sessionOf(principal);
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
