import { describe, expect, it } from 'vitest';
import { createDesignerStore } from './designer-store.js';
import { selectIsDirty } from './selectors.js';

const def = {
  name: 'w',
  version: 1,
  tasks: [{ name: 'a', taskReferenceName: 'a', type: 'SIMPLE' }],
};
const insert = {
  type: 'insertTasks' as const,
  position: { slot: { type: 'root' as const }, index: 1 },
  tasks: [{ name: 'b', taskReferenceName: 'b', type: 'SIMPLE' }],
};

describe('createDesignerStore', () => {
  it('undoes and redoes every edit', () => {
    const store = createDesignerStore(def, def);
    store.getState().apply(insert);
    store.getState().apply({ type: 'updateWorkflow', patch: { description: 'd' } });
    expect(store.getState().def.tasks).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().def.description).toBeUndefined();
    store.getState().undo();
    expect(store.getState().def).toBe(def);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().def.description).toBe('d');
  });

  it('is dirty after an edit and clean after undoing it', () => {
    const store = createDesignerStore(def, def);
    expect(selectIsDirty(store.getState())).toBe(false);
    store.getState().apply(insert);
    expect(selectIsDirty(store.getState())).toBe(true);
    store.getState().undo();
    expect(selectIsDirty(store.getState())).toBe(false);
  });

  it('keeps separate state per store', () => {
    const a = createDesignerStore(def, def);
    const b = createDesignerStore(def, def);
    a.getState().apply(insert);
    expect(b.getState().def.tasks).toHaveLength(1);
  });
});
