import { describe, expect, it } from 'vitest';
import {
  CONFIG_TABLE_END,
  CONFIG_TABLE_START,
  configDocs,
  withGeneratedTable,
} from './config-docs.js';
import { SETTINGS } from './config.js';

describe('configuration docs', () => {
  it('README.md and apps/server/README.md hold the table generated from SETTINGS (npm run gen:config-docs)', async () => {
    for (const { path, current, wanted } of await configDocs()) {
      expect(current, `${path} is stale: run npm run gen:config-docs`).toBe(wanted);
    }
  });

  it('lists every setting by its variable and file key', async () => {
    const doc = await withGeneratedTable(
      `# x\n\n${CONFIG_TABLE_START}\n${CONFIG_TABLE_END}\n`,
      'README.md',
    );
    for (const s of SETTINGS) {
      expect(doc).toContain(`\`${s.env}\``);
      expect(doc).toContain(`\`${s.key}\``);
    }
    expect(doc).toContain('`BATON_CONFIG`');
  });

  it('refuses a file without the markers instead of appending somewhere', async () => {
    await expect(withGeneratedTable('# no table\n', 'README.md')).rejects.toThrow(
      /config-table:start/,
    );
  });
});
