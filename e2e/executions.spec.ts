import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { BatonClient, Task, TaskDef, WorkflowDef } from '@baton/client';
import { NonRetryableError, TaskRunner } from '@baton/client/worker';
import { expect, test, uniqueName } from './fixtures.js';
import { ExecutionsPage } from './pages/executions-page.js';

const example = <T>(file: string) =>
  JSON.parse(readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')) as T;
const burrito = example<WorkflowDef>('frozen-burrito.json');
const orderFulfilment = example<WorkflowDef>('order-fulfilment.json');
const shipping = example<WorkflowDef>('order-fulfilment-shipping.json');
const taskDefs = example<TaskDef[]>('task-defs.json');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const silent = { info() {}, warn() {}, error() {} };

/** A worker for every given task type that answers after `delayMs`, for workflows named `only`. */
function startWorkers(
  api: BatonClient,
  types: string[],
  only: Set<string>,
  behave: (task: Task) => void = () => {},
  delayMs = 400,
) {
  const runner = new TaskRunner({
    client: api,
    logger: silent,
    pollTimeoutMs: 200,
    workers: types.map((taskDefName) => ({
      taskDefName,
      pollInterval: 50,
      execute: async (task: Task) => {
        // Another spec's execution of the same task type: finish it at once.
        if (!only.has(task.workflowType)) return { outputData: {} };
        await sleep(delayMs);
        behave(task);
        return {
          outputData: {
            done: task.referenceTaskName,
            burrito: 'warm',
            parcelCount: 1,
            labelId: 'L-1',
            trackingNumber: 'T-1',
          },
        };
      },
    })),
  });
  runner.start();
  return runner;
}

/** Marks the page so a reload would be noticed. */
async function markNoReload(page: Page) {
  await page.evaluate(
    () => ((window as unknown as { __batonNoReload: boolean }).__batonNoReload = true),
  );
}
async function expectNoReload(page: Page) {
  expect(
    await page.evaluate(() => (window as unknown as { __batonNoReload?: boolean }).__batonNoReload),
  ).toBe(true);
}

test.beforeAll(async ({ api }) => {
  await api.metadata.registerTaskDefs(taskDefs);
  await api.metadata.updateWorkflowDefs([shipping, orderFulfilment]);
});

test('runs the burrito from the UI, watches it live, retries the failed task and sees it complete', async ({
  page,
  api,
}) => {
  const name = uniqueName('frozen_burrito');
  await api.metadata.registerWorkflowDef({ ...burrito, name });
  let flips = 0;
  const runner = startWorkers(
    api,
    ['unwrap_burrito', 'zap', 'flip', 'serve_burrito', 'bake'],
    new Set([name]),
    (task) => {
      if (task.taskDefName === 'flip' && ++flips === 1)
        throw new NonRetryableError('the burrito fell on the floor');
    },
  );
  try {
    const ui = new ExecutionsPage(page);
    await ui.run(name, { ovenType: 'microwave' });
    await markNoReload(page);

    // Tasks turn green as the worker finishes them, without a reload; the label names ref and status.
    await ui.expectNodeStatus('unwrap_burrito', 'COMPLETED');
    await expect(page.getByRole('group', { name: /^unwrap_burrito: Completed/ })).toBeVisible();
    await ui.expectNodeStatus('zap_first_side', 'COMPLETED');
    await ui.expectNodeStatus('flip_microwave', 'FAILED_WITH_TERMINAL_ERROR');
    await expect(ui.workflowStatus()).toHaveAttribute('data-status', 'FAILED');
    await expect(page.getByTestId('status-announcer')).not.toBeEmpty();

    // The failed task's details say why.
    await ui.node('flip_microwave').click();
    await expect(page.getByText('the burrito fell on the floor').first()).toBeVisible();

    // Retry from the UI: the failed task and what follows are highlighted before confirming; the
    // oven case the switch did not take, and what already completed, are not.
    await ui.operate(
      'Retry',
      'Retry',
      ['flip_microwave', 'zap_second_side', 'serve_burrito'],
      ['bake', 'unwrap_burrito'],
    );
    await ui.expectNodeStatus('serve_burrito', 'COMPLETED', 30_000);
    await expect(ui.workflowStatus()).toHaveAttribute('data-status', 'COMPLETED');
    await expect(ui.node('flip_microwave')).toContainText('2');
    await expect(ui.node('bake')).toHaveAttribute('data-status', 'NOT_SCHEDULED');
    await expectNoReload(page);

    // Scrub back to the start: later tasks had not been scheduled then; Live returns to now.
    await ui.scrubTo(0.001);
    await expect(page.getByText('Replaying')).toBeVisible();
    await ui.expectNodeStatus('serve_burrito', 'NOT_SCHEDULED');
    await expect(ui.node('unwrap_burrito')).not.toHaveAttribute('data-status', 'COMPLETED');
    await ui.backToLive();
    await ui.expectNodeStatus('serve_burrito', 'COMPLETED');
  } finally {
    await runner.stop();
  }
});

test("opens a sub-workflow's child execution, and the child links back to its parent", async ({
  page,
  api,
}) => {
  const runner = startWorkers(
    api,
    ['validate_order', 'reserve_item', 'create_shipping_label', 'book_courier', 'notify_customer'],
    new Set(['order_fulfilment', 'shipping']),
    () => {},
    100,
  );
  try {
    const id = await api.workflows.startByName('order_fulfilment', {
      orderId: uniqueName('o'),
      items: ['a', 'b'],
      address: 'Main St 1',
    });
    const ui = new ExecutionsPage(page);
    await ui.open(id);
    await ui.expectNodeStatus('ship_order', 'COMPLETED', 30_000);

    // The graph opens at a readable zoom following the run, so the loop may be out of view: Find
    // brings it in, as a user would.
    await page.getByRole('button', { name: 'Find' }).click();
    await page
      .getByRole('dialog', { name: 'Find a task' })
      .getByLabel('Find')
      .fill('reserve_items');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]task=reserve_items/);
    // The loop shows its iterations one by one. The stepper sits where the loop body's edge
    // starts: the click must reach the button, not the edge (it once did at some zoom levels).
    const iterations = page.getByRole('group', { name: 'Iterations of reserve_items' });
    const shown = iterations.getByLabel('Iteration of reserve_items to show');
    await expect(shown).toHaveValue('2');
    await expect(iterations).toContainText('/ 2');
    const previous = iterations.getByRole('button', { name: 'Previous iteration' });
    await ui.expectReachable(previous);
    await previous.click();
    await expect(shown).toHaveValue('1');
    await expect(previous).toBeDisabled();

    await page.getByRole('button', { name: 'Open child execution of ship_order' }).click();
    await expect(page.locator('.exec-name')).toHaveText('shipping');
    await ui.expectNodeStatus('book_courier', 'COMPLETED');
    await page.getByRole('link', { name: 'Parent execution' }).click();
    await expect(page).toHaveURL(new RegExp(`/executions/${id}`));
  } finally {
    await runner.stop();
  }
});

test('searches the list by status and updates statuses live', async ({ page, api }) => {
  const name = uniqueName('list_burrito');
  await api.metadata.registerWorkflowDef({ ...burrito, name });
  const running = await api.workflows.startByName(name, { ovenType: 'oven' });
  const terminated = await api.workflows.startByName(name, { ovenType: 'oven' });
  await api.workflows.terminate(terminated, 'not hungry');

  const ui = new ExecutionsPage(page);
  await ui.openList(`workflow=${name}`);
  await expect(ui.row(running)).toBeVisible();
  await expect(ui.row(terminated)).toBeVisible();

  await ui.toggleStatusFilter('Terminated');
  await expect(page).toHaveURL(/status=TERMINATED/);
  await expect(ui.row(terminated)).toBeVisible();
  await expect(ui.row(running)).toBeHidden();

  await ui.toggleStatusFilter('Terminated');
  await expect(ui.row(running)).toBeVisible();
  await markNoReload(page);
  await api.workflows.pause(running);
  await expect(ui.row(running).locator('.status-badge')).toHaveAttribute('data-status', 'PAUSED');
  await expectNoReload(page);

  // Bulk: select both, terminate, and the confirmation states how many it touches.
  await page.getByLabel('Select all on this page').check();
  await page
    .getByRole('toolbar', { name: 'Bulk operations' })
    .getByRole('button', { name: 'Terminate' })
    .click();
  await expect(page.getByRole('dialog')).toContainText('2 executions');
  await page.getByRole('button', { name: 'Terminate 2 executions' }).click();
  await expect(ui.row(running).locator('.status-badge')).toHaveAttribute(
    'data-status',
    'TERMINATED',
  );
});

test('offers Retry, and retry inside a sub-workflow, only where the server accepts them', async ({
  page,
  api,
}) => {
  const inline = (ref: string, expression: string) => ({
    name: ref,
    taskReferenceName: ref,
    type: 'INLINE',
    inputParameters: { evaluatorType: 'javascript', expression },
  });
  const def = (name: string, tasks: unknown[]) =>
    ({ name, version: 1, schemaVersion: 2, tasks }) as unknown as WorkflowDef;
  const ok = def(uniqueName('retry_ok'), [inline('one', '1 + 1')]);
  const stopped = def(uniqueName('retry_stopped'), [
    {
      name: 'stop',
      taskReferenceName: 'stop',
      type: 'TERMINATE',
      inputParameters: { terminationStatus: 'FAILED', terminationReason: 'stopped on purpose' },
    },
  ]);
  const failing = def(uniqueName('retry_failing'), [
    inline('boom', "(function () { throw new Error('boom'); })()"),
  ]);
  const parent = def(uniqueName('retry_parent'), [
    {
      name: 'child',
      taskReferenceName: 'child',
      type: 'SUB_WORKFLOW',
      subWorkflowParam: { name: failing.name, version: 1 },
    },
  ]);
  await api.metadata.updateWorkflowDefs([ok, stopped, failing, parent]);
  const ui = new ExecutionsPage(page);
  const ops = page.getByRole('toolbar', { name: 'Execution operations' });
  const ended = async (name: string, status: string) => {
    const id = await api.workflows.startByName(name);
    await ui.open(id);
    await expect(ui.workflowStatus()).toHaveAttribute('data-status', status, { timeout: 15_000 });
    return id;
  };

  // COMPLETED, and FAILED by a TERMINATE task: nothing to retry. The server refuses; no button.
  for (const [name, status] of [
    [ok.name, 'COMPLETED'],
    [stopped.name, 'FAILED'],
  ] as const) {
    const id = await ended(name, status);
    await expect(ops.getByRole('button', { name: 'Restart' })).toBeVisible();
    await expect(ops.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(api.workflows.retry(id)).rejects.toMatchObject({ status: 409 });
  }

  // A failed task: Retry, without the sub-workflow choice.
  await ended(failing.name, 'FAILED');
  await ops.getByRole('button', { name: 'Retry' }).click();
  let panel = page.getByRole('dialog');
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel(/inside the failed sub-workflow/)).toHaveCount(0);
  await panel.getByRole('button', { name: 'Cancel' }).click();

  // A failed sub-workflow: the choice is offered.
  await ended(parent.name, 'FAILED');
  await ops.getByRole('button', { name: 'Retry' }).click();
  panel = page.getByRole('dialog');
  await expect(panel.getByLabel(/inside the failed sub-workflow/)).toBeVisible();
});

test('opening any page logs no React Router warning', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  for (const [url, ready] of [
    ['/workflows', page.getByRole('heading', { name: 'Workflows', level: 1 })],
    ['/workflows/new', page.getByTestId('flow-start')],
    ['/executions', page.getByRole('heading', { name: 'Executions', level: 1 })],
    ['/queues', page.getByRole('heading', { level: 1 })],
  ] as const) {
    await page.goto(url);
    await expect(ready).toBeVisible();
  }
  expect(warnings.filter((w) => /HydrateFallback|React Router/i.test(w))).toEqual([]);
});
