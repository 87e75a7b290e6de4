// Writes src/api/api-schema.ts: the TypeScript types of the API's OpenAPI document, as the built
// API produces it (routes and schemas defined once with zod). The console's client is typed
// from this file only; no interface is copied by hand. Run by `build`; the output is committed
// so the console typechecks before the API is built, and a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentTypes, openApiDocument } from './openapi-document.mjs';

const output = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'api', 'api-schema.ts');
const document = await openApiDocument();
writeFileSync(output, await documentTypes(document));
console.log(`wrote ${output}`);
