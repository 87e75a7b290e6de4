import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApi } from '@ohf/api';
import openapiTS, { astToString } from 'openapi-typescript';
import { pino } from 'pino';

/**
 * The OpenAPI document the API serves at /api/v1/openapi.json, from the built API composed on a
 * throwaway configuration (one in-memory provider instance, no workers, nothing listening).
 */
export async function openApiDocument() {
  const directory = mkdtempSync(join(tmpdir(), 'ohf-web-openapi-'));
  try {
    writeFileSync(
      join(directory, 'config.json'),
      JSON.stringify({
        providers: { providers: [{ name: 'memory-a', type: 'memory', config: {} }] },
        storage: { strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } },
        reconcile: { interval_seconds: 0 },
        api: { auth: { enabled: false }, console: { enabled: false }, log: { requests: false } },
      }),
    );
    writeFileSync(join(directory, 'templates.json'), JSON.stringify({ templates: [] }));
    const api = await composeApi({
      environment: { HF_PROVIDER_WORKDIR: directory },
      configDirectory: directory,
      currentDirectory: directory,
      logger: pino({ level: 'silent' }),
      defaultMetrics: false,
    });
    try {
      await api.server.ready();
      return api.server.swagger();
    } finally {
      await api.shutdown();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const HEADER = `// Generated from the API's OpenAPI document by scripts/generate-api-types.mjs: do not edit.\n\n`;

/** The document's types as openapi-typescript writes them. */
export async function documentTypes(document) {
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)), { alphabetize: true });
  return HEADER + astToString(ast);
}
