import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentTypes, openApiDocument } from './openapi-document.mjs';

const committed = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'api', 'api-schema.ts');

describe('the generated API types', () => {
  it('match the OpenAPI document the built API serves (else run `npm run generate-types -w @ohf/web`)', async () => {
    const document = await openApiDocument();
    expect(document.paths['/api/v1/session']).toBeDefined();
    expect(await documentTypes(document)).toBe(readFileSync(committed, 'utf8'));
  }, 60_000);
});
