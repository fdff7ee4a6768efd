/**
 * Writes the OpenAPI document generated from the route schemas to `docs/openapi.json`
 * (`npm run gen:openapi`; see openapi-document.ts).
 * @module
 */
import { writeFileSync } from 'node:fs';
import { OPENAPI_DOC_PATH, openApiDocumentText } from './openapi-document.js';

writeFileSync(OPENAPI_DOC_PATH, await openApiDocumentText());
console.log(`wrote ${OPENAPI_DOC_PATH}`);
