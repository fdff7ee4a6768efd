/**
 * Forks and their JOIN in the designer (issue 16, item 18): renaming a fork renames the JOIN the
 * designer named after it, and the JOIN's "Join on" list offers the forked tasks (branch ends
 * first), not every task of the workflow.
 */
import type { WorkflowDef } from '@baton/engine';
import { expect, test, uniqueName } from './fixtures.js';

function forked(name: string): WorkflowDef {
  const simple = (ref: string) => ({ name: ref, taskReferenceName: ref, type: 'SIMPLE' });
  return {
    name,
    version: 1,
    schemaVersion: 2,
    tasks: [
      simple('before'),
      {
        name: 'fork',
        taskReferenceName: 'fork',
        type: 'FORK_JOIN',
        forkTasks: [[simple('a_1'), simple('a_2')], [simple('b_1')]],
      },
      { name: 'fork_join', taskReferenceName: 'fork_join', type: 'JOIN', joinOn: ['a_2', 'b_1'] },
      simple('after'),
    ],
  } as WorkflowDef;
}

test('renaming a fork renames its join, whose "Join on" offers the forked tasks, branch ends first', async ({
  designer,
  page,
}) => {
  await designer.openNew();
  await designer.paste(JSON.stringify(forked(uniqueName('fork_rename'))));
  await expect(designer.node('after')).toBeVisible();

  await designer.select('fork');
  await designer.setField('task-ref', 'prepare');
  await expect(designer.node('prepare_join')).toBeVisible();
  await expect(designer.node('fork_join')).toHaveCount(0);

  await designer.select('prepare_join');
  const panel = page.locator('.designer-right');
  const offered = panel.locator('.check-list .check-field');
  // The branch ends first, then the branches' other tasks; never the tasks around the fork.
  await expect(offered).toHaveText(['a_2', 'b_1', 'a_1']);
  await expect(panel.getByRole('checkbox', { name: 'a_2' })).toBeChecked();

  // The name follows too, and the JSON agrees.
  const json = JSON.parse(await designer.exportJson()) as WorkflowDef;
  const join = json.tasks[2]!;
  expect(join).toMatchObject({ name: 'prepare_join', taskReferenceName: 'prepare_join' });
  expect(join.joinOn).toEqual(['a_2', 'b_1']);
});
