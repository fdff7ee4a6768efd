import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStores } from '@baton/stores';
const t0 = Date.now();
const s = await createPgliteStores({ dataDir: mkdtempSync(join(tmpdir(), 'pgt-')) });
console.log('pglite init ms', Date.now() - t0);
await s.close();
