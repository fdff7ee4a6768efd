/**
 * The executions list marks child executions with a link to their parent; the timeline has a time
 * axis with tick labels.
 */
import type { BatonClient, WorkflowDef } from '@baton/client';
import { expect, test, uniqueName } from './fixtures.js';
import { ExecutionsPage } from './pages/executions-page.js';

/**
 * Registers a workflow of one SIMPLE task (ref `waits`) that nobody polls, so an execution of it
 * stays RUNNING and the test needs no worker. Names are `<prefix>_task…` and `<prefix>_wf…`.
 */
async function registerIdleWorkflow(api: BatonClient, prefix: string): Promise<WorkflowDef> {
  const task = uniqueName(`${prefix}_task`);
  await api.metadata.registerTaskDefs([{ name: task }]);
  const def = {
    name: uniqueName(`${prefix}_wf`),
    version: 1,
    schemaVersion: 2,
    tasks: [{ name: task, taskReferenceName: 'waits', type: 'SIMPLE', inputParameters: {} }],
  } as WorkflowDef;
  await api.metadata.registerWorkflowDef(def);
  return def;
}

test('the executions list marks a child execution with a link to its parent', async ({
  page,
  api,
}) => {
  // Nobody polls the child's task: the child stays RUNNING, so the test needs no worker.
  const child = await registerIdleWorkflow(api, 'child');
  const parent: WorkflowDef = {
    name: uniqueName('parent_wf'),
    version: 1,
    schemaVersion: 2,
    tasks: [
      {
        name: 'call_child',
        taskReferenceName: 'call_child',
        type: 'SUB_WORKFLOW',
        inputParameters: {},
        subWorkflowParam: { name: child.name, version: 1 },
      },
    ],
  } as WorkflowDef;
  await api.metadata.registerWorkflowDef(parent);
  const parentId = await api.workflows.startByName(parent.name, {});
  let childId = '';
  await expect
    .poll(async () => {
      const wf = await api.workflows.get(parentId, { includeTasks: true });
      childId = String(wf.tasks?.[0]?.subWorkflowId ?? '');
      return childId;
    })
    .not.toBe('');

  const ui = new ExecutionsPage(page);
  await ui.openList(`workflow=${parent.name},${child.name}`);
  const link = ui.row(childId).getByTestId('child-of').getByRole('link', { name: parentId });
  await expect(link).toBeVisible();
  // The parent itself is no child.
  await expect(ui.row(parentId)).toBeVisible();
  await expect(ui.row(parentId).getByTestId('child-of')).toHaveCount(0);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/executions/${parentId}$`));
  await api.workflows.terminate(parentId, 'test done');
});

test('the timeline has a time axis whose tick labels grow from 0 along the bars', async ({
  page,
  api,
}) => {
  const def = await registerIdleWorkflow(api, 'axis');
  const id = await api.workflows.startByName(def.name, {});
  const ui = new ExecutionsPage(page);
  await ui.open(id);
  const axis = page.getByTestId('timeline-axis');
  await expect(axis).toBeVisible();
  const ticks = axis.locator('.gantt-tick');
  await expect(ticks.first()).toHaveText('0');
  // The running execution's span grows: after a few seconds the ticks are whole seconds.
  await expect(ticks.nth(1)).toHaveText(/^\+\d+(\.\d)? s$/, { timeout: 15_000 });
  await expect.poll(() => ticks.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  const xs = await ticks.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  // Tick 0 sits where the bars start.
  const track = await page.locator('.gantt-row .gantt-track').first().boundingBox();
  expect(Math.abs(xs[0]! - track!.x)).toBeLessThan(2);
  await api.workflows.terminate(id, 'test done');
});

test('the replay cursor sits on the bars’ time axis, at the right end too', async ({
  page,
  api,
}) => {
  const def = await registerIdleWorkflow(api, 'cursor');
  const id = await api.workflows.startByName(def.name, {});
  await api.workflows.terminate(id, 'a fixed time span');
  const ui = new ExecutionsPage(page);
  await ui.open(id);
  const track = (await page.locator('.gantt-row .gantt-track').first().boundingBox())!;
  const cursor = page.locator('.gantt-cursor');
  for (const fraction of [0, 0.5, 0.999]) {
    await ui.scrubTo(fraction);
    const box = (await cursor.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - (track.x + track.width * fraction))).toBeLessThan(1.5);
  }
});
