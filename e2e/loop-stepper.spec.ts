/**
 * The loop iteration stepper jumps (issue 16, item 12): type an iteration number, first, last and
 * first failed iteration, not only previous/next.
 */
import type { WorkflowDef } from '@baton/client';
import { expect, test, uniqueName } from './fixtures.js';
import { ExecutionsPage } from './pages/executions-page.js';

test('jumps through a loop’s iterations by number, to the first, the last and the first failed', async ({
  api,
  page,
}) => {
  const type = uniqueName('loop_step');
  await api.metadata.registerTaskDefs([
    {
      name: type,
      retryCount: 1,
      retryLogic: 'FIXED',
      retryDelaySeconds: 0,
      timeoutSeconds: 60,
      timeoutPolicy: 'TIME_OUT_WF',
      responseTimeoutSeconds: 30,
      ownerEmail: 'e2e@example.com',
    },
  ]);
  const name = uniqueName('loop_jumps');
  await api.metadata.registerWorkflowDef({
    name,
    version: 1,
    schemaVersion: 2,
    tasks: [
      {
        name: 'repeat',
        taskReferenceName: 'repeat',
        type: 'DO_WHILE',
        loopCondition: "$.repeat['iteration'] < 6",
        loopOver: [{ name: type, taskReferenceName: 'step', type: 'SIMPLE' }],
      },
    ],
  } as WorkflowDef);
  const id = await api.workflows.start({ name, input: {} });

  // Six iterations; the first attempt of iteration 4 fails and its retry completes.
  let failedOnce = false;
  for (let polls = 0; polls < 200; polls++) {
    const { status } = await api.workflows.get(id, { includeTasks: false });
    if (status !== 'RUNNING') break;
    const task = await api.tasks.poll(type, { workerId: 'e2e' });
    if (!task) continue;
    const fail: boolean = task.iteration === 4 && !failedOnce;
    failedOnce ||= fail;
    await api.tasks.update({
      workflowInstanceId: task.workflowInstanceId,
      taskId: task.taskId,
      status: fail ? 'FAILED' : 'COMPLETED',
      ...(fail ? { reasonForIncompletion: 'flaky' } : {}),
    });
  }
  expect((await api.workflows.get(id, { includeTasks: false })).status).toBe('COMPLETED');

  const ui = new ExecutionsPage(page);
  await ui.open(id);
  const stepper = page.getByRole('group', { name: 'Iterations of repeat' });
  const shown = stepper.getByLabel('Iteration of repeat to show');
  await expect(shown).toHaveValue('6');
  await expect(stepper).toContainText('/ 6');

  await stepper.getByRole('button', { name: 'First iteration' }).click();
  await expect(shown).toHaveValue('1');
  await expect(stepper.getByRole('button', { name: 'First iteration' })).toBeDisabled();

  await stepper.getByRole('button', { name: 'First failed iteration' }).click();
  await expect(shown).toHaveValue('4');
  await expect(ui.node('step')).toHaveAttribute('data-status', 'COMPLETED');

  await stepper.getByRole('button', { name: 'Last iteration' }).click();
  await expect(shown).toHaveValue('6');

  // Typed: a number that ran is shown on Enter; one that did not is refused, nothing changes.
  await shown.fill('2');
  await shown.press('Enter');
  await expect(shown).toHaveValue('2');
  await ui.node('step').click();
  await expect(page).toHaveURL(/task=step/);
  await shown.fill('9');
  await expect(shown).toHaveAttribute('aria-invalid', 'true');
  await shown.press('Enter');
  await shown.press('Escape');
  await expect(shown).toHaveValue('2');
});
