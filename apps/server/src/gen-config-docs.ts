/**
 * Writes the configuration table generated from the server's settings into `README.md` and
 * `apps/server/README.md` (`npm run gen:config-docs`).
 * @module
 */
import { writeFileSync } from 'node:fs';
import { configDocs } from './config-docs.js';

for (const { path, current, wanted } of await configDocs()) {
  if (current === wanted) {
    console.log(`${path}: up to date`);
  } else {
    writeFileSync(path, wanted);
    console.log(`wrote ${path}`);
  }
}
