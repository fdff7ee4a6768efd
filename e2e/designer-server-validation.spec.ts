/**
 * The server's answer to a save: problems the designer's own checks (the engine's rules, run while
 * editing) cannot see are listed and marked on the task they concern.
 */
import { expect, test, uniqueName } from './fixtures.js';

/**
 * A task embedding its task definition with `createTime` as a date string. The engine's rules do
 * not look at that field, so the designer finds nothing wrong; the server's request schema wants
 * epoch milliseconds and rejects the save.
 */
function orderWithDatedTaskDef(name: string, createTime: string | number) {
  return {
    name,
    version: 1,
    schemaVersion: 2,
    tasks: [
      { name: 'reserve', taskReferenceName: 'reserve', type: 'SIMPLE' },
      {
        name: 'charge',
        taskReferenceName: 'charge',
        type: 'SIMPLE',
        taskDefinition: { name: 'charge', retryCount: 2, createTime },
      },
    ],
  };
}

test('lists the problems the server rejects a save for and marks the task they concern', async ({
  designer,
  page,
  api,
}) => {
  const name = uniqueName('server_rejects');
  const bad = orderWithDatedTaskDef(name, '2024-05-01T10:00:00Z');
  await designer.openNew();
  await designer.importFile('order.json', JSON.stringify(bad));
  await expect(designer.node('charge')).toBeVisible();
  await expect(page.getByTestId('problem-count')).toHaveText('No problems');

  const dialog = await designer.submitSave();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('The server rejected the definition');
  await expect(alert).toContainText('taskDefinition.createTime');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Listed once, as the server's, on the task it names, and marked on that node only.
  const problems = designer.problemsFor('charge');
  await expect(problems).toHaveCount(1);
  await expect(problems).toContainText('server');
  await expect(problems).toContainText('taskDefinition.createTime');
  await expect(designer.node('charge')).toHaveClass(/has-issues/);
  await expect(designer.node('charge').getByLabel('1 problem')).toBeVisible();
  await expect(designer.node('reserve')).not.toHaveClass(/has-issues/);
  await problems.click();
  await expect(page.getByLabel('Properties of charge')).toBeVisible();
  await expect(api.metadata.getWorkflowDef(name, 1)).rejects.toMatchObject({ status: 404 });

  // The next edit (importing the corrected file) clears the server's answer; the save goes through.
  const fixed = orderWithDatedTaskDef(name, Date.parse('2024-05-01T10:00:00Z'));
  await designer.importFile('order.json', JSON.stringify(fixed));
  await expect(page.getByTestId('problem-count')).toHaveText('No problems');
  await expect(designer.node('charge')).not.toHaveClass(/has-issues/);
  await designer.save();
  await expect(page).toHaveURL(new RegExp(`/workflows/${name}/1$`));
  expect(await api.metadata.getWorkflowDef(name, 1)).toMatchObject(fixed);
});
