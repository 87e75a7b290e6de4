import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { combineAuthenticators, createAuthenticator } from '../auth/authenticator.js';
import { createStoredKeyAuthenticator } from '../auth/stored-key-authenticator.js';
import { installAuthentication } from '../auth/authentication-hook.js';
import { registerSessionRoutes } from '../auth/session-routes.js';
import { defaultConsoleDirectory } from '../console/console-directory.js';
import { registerConsoleRoutes } from '../console/console-routes.js';
import { installErrorHandling } from '../http/error-handler.js';
import { installTextChecks } from '../http/text-checks.js';
import { clientErrorHandler, frameworkErrorHandler, MAX_PATH_SEGMENT_LENGTH, urlTooLong } from '../http/protocol-errors.js';
import { responseSerializerCompiler } from '../http/response-serializer.js';
import { registerApiKeyRoutes } from '../routes/api-key-routes.js';
import { ApiCallRecorder } from '../events/api-call-recorder.js';
import { installApiCallAudit } from '../events/api-call-audit.js';
import { AuditEventFeed } from '../events/audit-event-feed.js';
import { registerCatalogRoutes } from '../routes/catalog-routes.js';
import { registerEventRoutes } from '../routes/event-routes.js';
import { registerCostRoutes } from '../routes/cost-routes.js';
import { registerMachineRoutes } from '../routes/machine-routes.js';
import { registerMarkupRoutes } from '../routes/markup-routes.js';
import { registerOperationsRoutes } from '../routes/operations-routes.js';
import { registerOrganizationRoutes } from '../routes/organization-routes.js';
import { registerProviderRoutes } from '../routes/provider-routes.js';
import { registerRequestRoutes } from '../routes/request-routes.js';
import { registerStrategyRoutes } from '../routes/strategy-routes.js';
import { registerTemplateRoutes } from '../routes/template-routes.js';
import { registerUserRoutes } from '../routes/user-routes.js';
import { registerWebhookRoutes } from '../routes/webhook-routes.js';
import { VERSION } from '../version.js';
import type { ApiDependencies } from './api-dependencies.js';
import type { ApiTypeProvider } from './api-type-provider.js';
import { API_PREFIX } from './api-prefix.js';
import { requestIdFrom } from './request-context.js';
import { RequestWatcher } from './request-watcher.js';

export type ApiServer = FastifyInstance;
/** A server whose routes take their types from zod schemas. */
export type ZodServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ApiTypeProvider
>;

/**
 * Builds the HTTP server: routes of SPEC §8 under /api/v1 (each defined once with zod, which
 * validates input, shapes output and writes the OpenAPI document), authentication and rate
 * limits, the error envelope, request logs and metrics, and the operations endpoints.
 * `listen` is the caller's: tests use `inject`.
 */
export async function createApiServer(dependencies: ApiDependencies): Promise<ApiServer> {
  const { configuration, metrics } = dependencies;
  const server = Fastify({
    loggerInstance: dependencies.logger,
    // One line per request is written by the onResponse hook instead (route, status, duration, caller).
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (request) => requestIdFrom(request.headers['x-request-id'], randomUUID),
    trustProxy: configuration.trust_proxy,
    bodyLimit: configuration.body_limit_bytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_SEGMENT_LENGTH },
    http: { maxHeaderSize: configuration.max_header_bytes },
    // Refusals made before routing (by Node's parser and by the router) use the envelope too.
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
  });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(responseSerializerCompiler(configuration.validate_responses));
  installErrorHandling(server);

  server.decorateRequest('principal', undefined);
  server.decorateRequest('startedAt', 0);
  // Callback hooks on the hot path: no promise per request.
  server.addHook('onRequest', (request, reply, done) => {
    request.startedAt = performance.now();
    metrics.httpRequestStarted();
    reply.header('x-request-id', request.id);
    if (request.url.length > configuration.max_url_length) {
      const refused = urlTooLong(configuration.max_url_length);
      void reply.code(refused.status).type('application/json; charset=utf-8').send(refused.envelope);
      return;
    }
    done();
  });
  server.addHook('onResponse', (request, reply, done) => {
    const seconds = (performance.now() - request.startedAt) / 1000;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequestFinished(request.method, route, reply.statusCode, seconds);
    if (configuration.log.requests) {
      request.log.info(
        {
          method: request.method,
          route,
          url: request.url,
          statusCode: reply.statusCode,
          durationMs: Math.round(seconds * 100_000) / 100,
          ...(request.principal ? { principal: request.principal.name } : {}),
        },
        'request completed',
      );
    }
    done();
  });
  const storedKeys = createStoredKeyAuthenticator(dependencies.storage.tenancy, {
    cacheMs: configuration.auth.key_cache_ms,
    onTouchFailed: (error) => server.log.warn({ err: error }, 'recording the use of an API key failed'),
  });
  const authenticator = combineAuthenticators(createAuthenticator(configuration.auth.keys), storedKeys);
  installAuthentication(server, configuration, authenticator);
  installTextChecks(server);
  const { audit } = dependencies;
  const feed = new AuditEventFeed((filter) => audit.log.list(filter), { pollIntervalMs: configuration.events.poll_interval_ms });
  const eventsWritten = (): void => {
    feed.notify();
    dependencies.onEventsWritten?.();
  };
  const apiCalls = new ApiCallRecorder({
    audit: audit.log,
    onWritten: eventsWritten,
    onError: (error, count) => server.log.error({ err: error, count }, 'API calls could not be written to the audit trail'),
  });
  if (configuration.audit.record_api_calls) installApiCallAudit(server, apiCalls);

  await server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Open Host Factory API',
        version: VERSION,
        description:
          'Provision and return compute machines on several clouds through one model. Errors are `{"error":{"code","message","details"}}`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key as a bearer token.' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  const docsAccess = configuration.auth.public_docs ? 'public' : 'read';
  // swagger-ui's own routes carry no access config: they get the docs setting.
  server.addHook('onRoute', (route) => {
    if (route.url.startsWith(`${API_PREFIX}/docs`)) route.config = { ...route.config, access: docsAccess };
  });
  await server.register(swaggerUi, {
    routePrefix: `${API_PREFIX}/docs`,
    uiConfig: { docExpansion: 'list', deepLinking: true },
    staticCSP: true,
  });

  const typed = server.withTypeProvider<ApiTypeProvider>();
  const watcher = new RequestWatcher(dependencies.application, configuration.events);
  const unsubscribe = dependencies.application.events.subscribe('*', (event) => {
    if (event.type === 'ProviderSelected') metrics.providerSelected(event.providerInstance, event.providerType);
    if ('requestId' in event) watcher.notify(event.requestId);
    // Domain events are published after their audit rows are stored.
    eventsWritten();
  });
  let closing = false;
  // Runs before the listener closes: event streams end first, so their connections are idle
  // when fastify closes idle connections, and answers finishing later close theirs.
  server.addHook('preClose', async () => {
    closing = true;
    unsubscribe();
    await Promise.all([watcher.close(), feed.close()]);
  });
  // After the last answer: the calls answered during shutdown are recorded too.
  server.addHook('onClose', async () => {
    await apiCalls.flush();
  });
  server.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  registerOperationsRoutes(typed, dependencies);
  await server.register(
    async (api) => {
      const scoped = api.withTypeProvider<ApiTypeProvider>();
      registerProviderRoutes(scoped, dependencies);
      registerStrategyRoutes(scoped, dependencies);
      registerTemplateRoutes(scoped, dependencies);
      registerRequestRoutes(scoped, dependencies, watcher);
      registerMachineRoutes(scoped, dependencies);
      registerCatalogRoutes(scoped, dependencies);
      registerMarkupRoutes(scoped, dependencies);
      registerOrganizationRoutes(scoped, dependencies, storedKeys);
      registerUserRoutes(scoped, dependencies, storedKeys);
      registerApiKeyRoutes(scoped, dependencies, storedKeys);
      registerEventRoutes(scoped, dependencies, { latestSequence: () => audit.log.latestSequence(), feed });
      registerWebhookRoutes(scoped, dependencies);
      registerCostRoutes(scoped, dependencies);
      registerSessionRoutes(scoped, authenticator, configuration.auth.enabled);
      scoped.get(
        '/openapi.json',
        { schema: { hide: true }, config: { access: docsAccess } },
        async () => server.swagger(),
      );
    },
    { prefix: API_PREFIX },
  );
  if (configuration.console.enabled) await registerConsoleRoutes(server, configuration.console.directory ?? defaultConsoleDirectory());
  return server;
}
