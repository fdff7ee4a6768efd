import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classifyDefinitions,
  DefinitionFileError,
  fileNameFor,
  writeDefinitions,
} from './definitions.js';

describe('classifyDefinitions', () => {
  it('tells workflow definitions (with tasks) from task definitions, in arrays too', () => {
    const defs = classifyDefinitions('f.json', [
      { name: 'w', tasks: [] },
      { name: 't', retryCount: 2 },
    ]);
    expect(defs.map((d) => [d.kind, d.file, d.def.name])).toEqual([
      ['workflow', 'f.json [0]', 'w'],
      ['task', 'f.json [1]', 't'],
    ]);
  });

  it.each([
    [null, 'f.json: expected a JSON object, found null'],
    ['text', 'f.json: expected a JSON object, found a string'],
    [[], 'f.json: the array is empty'],
    [[{ name: 'ok' }, [1]], 'f.json [1]: expected a JSON object, found an array'],
    [{ name: '  ' }, 'f.json: "name" must be a non-empty string'],
    [{ name: 3, tasks: [] }, 'f.json: "name" must be a non-empty string'],
    [{ name: 'w', tasks: {} }, 'f.json: "tasks" must be an array of workflow tasks'],
  ])('refuses %j naming the file', (value, message) => {
    expect(() => classifyDefinitions('f.json', value)).toThrow(new DefinitionFileError(message));
  });
});

describe('fileNameFor', () => {
  it('keeps plain names and encodes everything that could leave the folder or clash', () => {
    expect(fileNameFor('order_flow-2')).toBe('order_flow-2');
    expect(fileNameFor('../etc/passwd')).toBe('%2E%2E%2Fetc%2Fpasswd');
    expect(fileNameFor('a.b')).not.toBe(fileNameFor('a_b'));
    expect(fileNameFor('é')).toBe('%C3%A9');
  });

  it('writes hostile names inside the folder only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-defs-'));
    try {
      const written = await writeDefinitions(
        dir,
        [{ name: '../up', version: 3, tasks: [] }],
        [{ name: '/abs' }],
      );
      expect(written).toEqual(['workflows/%2E%2E%2Fup.v3.json', 'tasks/%2Fabs.json']);
      expect(JSON.parse(readFileSync(join(dir, written[0]!), 'utf8')).name).toBe('../up');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
