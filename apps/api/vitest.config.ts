import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

/**
 * Every test file composes its own API (own directory, database or schema, metrics registry,
 * logger), so the files share no state through modules and need no fresh module graph each.
 * Without isolation a worker evaluates the API's module graph (fastify, zod schemas, the
 * providers' SDKs) once instead of once per file: the suite takes about a third of the CPU time.
 */
export default mergeConfig(sharedTestConfig, defineConfig({ test: { isolate: false } }));
