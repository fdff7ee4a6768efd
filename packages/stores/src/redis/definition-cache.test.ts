import { describe, expect, it } from 'vitest';
import { deepFreeze, type WorkflowDef } from '@baton/engine';
import { DefinitionCache } from './definition-cache.js';

const def = (description: string): WorkflowDef => ({
  name: 'wf',
  version: 1,
  description,
  tasks: [{ name: 't', taskReferenceName: 't', type: 'SIMPLE', inputParameters: { a: [1] } }],
});

describe('DefinitionCache.encode', () => {
  it('encodes a deeply frozen definition once', () => {
    const cache = new DefinitionCache();
    const frozen = deepFreeze(def('frozen'));
    const first = cache.encode(frozen);
    expect(first.json).toBe(JSON.stringify(frozen));
    expect(cache.encode(frozen)).toBe(first);
  });

  it('encodes a definition that may still change at every call', () => {
    const cache = new DefinitionCache();
    const open = def('open');
    const first = cache.encode(open);
    open.description = 'changed';
    expect(cache.encode(open).hash).not.toBe(first.hash);
    // Frozen on top only: a nested part can still change.
    const shallow = Object.freeze(def('shallow'));
    const before = cache.encode(shallow);
    (shallow.tasks[0]?.inputParameters?.['a'] as number[]).push(2);
    const after = cache.encode(shallow);
    expect(after.hash).not.toBe(before.hash);
    expect(after.json).toBe(JSON.stringify(shallow));
  });
});
