import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { consoleIsBuilt } from './console-directory.js';
import { CONSOLE_SECURITY_HEADERS } from './console-security-headers.js';

/**
 * The console's own paths (the single-page app routes them in the browser): a reload or a
 * shared link on any of them gets index.html. Anything else outside the API stays a 404.
 */
export const CONSOLE_PAGES = [
  '/',
  '/sign-in',
  '/create',
  '/requests',
  '/requests/:requestId',
  '/machines',
  '/machines/:machineId',
  '/templates',
  '/templates/:templateId',
  '/providers',
  '/providers/:providerName',
  '/catalog',
  '/events',
] as const;

const NOT_BUILT_MESSAGE = (directory: string) =>
  `The web console is not built, so there is nothing to show here.\n\n` +
  `Build it with "npx nx run @ohf/web:build" (or "npm run build" for everything), then restart the API.\n` +
  `Looked in: ${directory}\n\n` +
  `The API itself works: its routes are under /api/v1, documented at /api/v1/docs.\n`;

/**
 * Serves the built console at `/` on the API's origin, with a strict content security policy.
 * Hashed assets are cached for a year; index.html is revalidated on every load so a new
 * release is picked up at once. Every console path is public: the page holds no data, and the
 * API routes it calls check the session.
 */
export async function registerConsoleRoutes(server: FastifyInstance, directory: string): Promise<void> {
  await server.register(async (site) => {
    site.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    site.addHook('onSend', (_request, reply, payload, done) => {
      for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) reply.header(name, value);
      done(null, payload);
    });

    if (!consoleIsBuilt(directory)) {
      site.get('/', { schema: { hide: true } }, async (_request, reply) =>
        reply.code(404).type('text/plain; charset=utf-8').send(NOT_BUILT_MESSAGE(directory)),
      );
      return;
    }

    await site.register(fastifyStatic, {
      root: directory,
      prefix: '/',
      // Files are listed once at start: unknown paths reach the API's JSON 404, not a disk lookup.
      wildcard: false,
      index: false,
      serve: true,
      // The cache lifetimes are set below, per kind of file.
      cacheControl: false,
      setHeaders(response, path) {
        response.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    for (const page of CONSOLE_PAGES) {
      site.get(page, { schema: { hide: true } }, async (_request, reply) =>
        reply.header('cache-control', 'no-cache').sendFile('index.html'),
      );
    }
  });
}
