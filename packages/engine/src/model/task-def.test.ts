import { describe, expect, it } from 'vitest';
import { usesRegisteredTaskDef } from './task-def.js';

describe('usesRegisteredTaskDef', () => {
  it('is true for worker and system tasks, whose registered TaskDef is attached at start', () => {
    for (const type of ['SIMPLE', 'my_custom_type', 'HTTP', 'INLINE', 'WAIT', 'SUB_WORKFLOW'])
      expect(usesRegisteredTaskDef(type)).toBe(true);
  });

  it('is false for control flow, which never looks one up', () => {
    for (const type of ['SWITCH', 'DECISION', 'FORK_JOIN', 'JOIN', 'DO_WHILE', 'TERMINATE'])
      expect(usesRegisteredTaskDef(type)).toBe(false);
  });
});
