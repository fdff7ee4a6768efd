import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_DOC_PATH, openApiDocumentText } from './openapi-document.js';

describe('docs/openapi.json', () => {
  it('is the document the server serves (regenerate with npm run gen:openapi)', async () => {
    const served = await openApiDocumentText();
    expect(readFileSync(OPENAPI_DOC_PATH, 'utf8'), 'run npm run gen:openapi').toBe(served);
    expect(Object.keys(JSON.parse(served).paths as object)).toContain('/api/sample-workers');
  });
});
