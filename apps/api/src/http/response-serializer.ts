import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as validatingSerializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/**
 * How responses become JSON. The zod response schemas always describe the routes in the
 * OpenAPI document; with `validate` they also check every response (tests run that way, so a
 * route that drifts from its documented shape fails them). Without it, answers are plain
 * JSON.stringify: the application's results are already parsed domain objects, and checking
 * them again on every response would cost a third of the throughput of the hottest route.
 */
export function responseSerializerCompiler(validate: boolean): FastifySerializerCompiler<z.ZodType> {
  if (validate) return validatingSerializerCompiler as FastifySerializerCompiler<z.ZodType>;
  return () => (data) => JSON.stringify(data);
}
