import { describe, expect, it } from 'vitest';
import { insertionAfter, parsePasted, tasksToCopy, withFreshRefs } from './clipboard-tasks.js';
import { nestedDef, t } from './fixtures.test-util.js';

describe('clipboard tasks', () => {
  it('copies a fork together with its join', () => {
    expect(tasksToCopy(nestedDef(), 'fork').map((x) => x.taskReferenceName)).toEqual([
      'fork',
      'join',
    ]);
  });

  it('gives pasted tasks fresh refs and points the join at the renamed branch ends', () => {
    const def = nestedDef();
    const pasted = withFreshRefs(def, tasksToCopy(def, 'fork'));
    expect(pasted.map((x) => x.taskReferenceName)).toEqual(['fork_2', 'join_2']);
    expect(pasted[0]!.forkTasks![0]!.map((x) => x.taskReferenceName)).toEqual(['b1_2', 'b2_2']);
    expect(pasted[1]!.joinOn).toEqual(['b2_2', 'c1_2']);
  });

  it('recognises a task, a task list and a whole workflow', () => {
    expect(parsePasted(JSON.stringify(t('x')))).toEqual({ type: 'tasks', tasks: [t('x')] });
    expect(parsePasted(JSON.stringify([t('x'), t('y')])).type).toBe('tasks');
    expect(parsePasted(JSON.stringify(nestedDef())).type).toBe('workflow');
    expect(parsePasted('not json').type).toBe('none');
    expect(parsePasted('{"a":1}').type).toBe('none');
  });

  it('inserts after the selection, after the join for a fork, or at the end', () => {
    const def = nestedDef();
    expect(insertionAfter(def, 'fork')).toEqual({ slot: { type: 'root' }, index: 3 });
    expect(insertionAfter(def, 'b1')).toEqual({
      slot: { type: 'branch', parentRef: 'fork', branch: 0 },
      index: 1,
    });
    expect(insertionAfter(def, null)).toEqual({ slot: { type: 'root' }, index: 6 });
  });
});
