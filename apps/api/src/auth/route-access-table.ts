import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteAccess } from './route-access.js';

/** One route and who may call it. */
export interface RouteAccessEntry {
  readonly method: string;
  /** As registered, e.g. `/api/v1/requests/:id`. */
  readonly url: string;
  readonly access: RouteAccess;
}

const tables = new WeakMap<FastifyInstance, RouteOptions[]>();

/**
 * Records every route registered on the server from now on, so the access each one needs can be
 * listed (the role matrix tests are generated from it).
 */
export function recordRouteAccess(server: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  tables.set(server, routes);
  server.addHook('onRoute', (route) => {
    routes.push(route);
    documentAccess(route);
  });
}

/** Every route of the server with the access it needs (HEAD routes fastify adds are left out). */
export function routeAccessTable(server: FastifyInstance): readonly RouteAccessEntry[] {
  // Read at call time: later onRoute hooks may still change a route's config (the docs routes).
  return (tables.get(server) ?? []).flatMap((route) =>
    (Array.isArray(route.method) ? route.method : [route.method])
      .filter((method) => method !== 'HEAD')
      .map((method) => ({ method, url: route.url, access: route.config?.access ?? 'read' })),
  );
}

const ACCESS_NOTES: Readonly<Record<RouteAccess, string>> = {
  public: 'Access: anyone.',
  optional: 'Access: anyone; a caller with a valid key is shown more.',
  read: 'Access: every member of the organization (viewer, operator, admin).',
  operate: 'Access: operators and admins of the organization.',
  administer: 'Access: admins of the organization.',
  platform: 'Access: platform admins.',
};

/** The OpenAPI document says who may call each route, after the route's own description. */
function documentAccess(route: RouteOptions): void {
  const schema = route.schema as (RouteOptions['schema'] & { hide?: boolean; description?: string }) | undefined;
  if (schema === undefined || schema.hide === true) return;
  const note = ACCESS_NOTES[route.config?.access ?? 'read'];
  route.schema = { ...schema, description: schema.description === undefined ? note : `${schema.description}\n\n${note}` };
}
