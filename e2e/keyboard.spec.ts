/**
 * The designer and the execution graph by keyboard alone (issue 16, items 7 and 9).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { WorkflowDef } from '@baton/engine';
import { expect, test, uniqueName } from './fixtures.js';
import { ExecutionsPage } from './pages/executions-page.js';

const burrito = JSON.parse(
  readFileSync(new URL('../examples/frozen-burrito.json', import.meta.url), 'utf8'),
) as WorkflowDef;

/** The React Flow id of the focused node (null when the focus is not on a node). */
const focusedNode = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? null,
  );

test('the designer graph is one tab stop: arrows follow the flow, Enter opens the task, Tab reaches its "+"', async ({
  designer,
  page,
}) => {
  await designer.openNew();
  await designer.paste(JSON.stringify({ ...burrito, name: uniqueName('kbd_burrito') }));
  await expect(designer.node('serve_burrito')).toBeAttached();

  // From the palette, one Tab reaches the first task (no "+" before it), with a visible ring.
  await page.locator('.designer-left button.palette-item').last().focus();
  await page.keyboard.press('Tab');
  await expect.poll(() => focusedNode(page)).toBe('t:unwrap_burrito');
  const ring = await page.evaluate(
    () => getComputedStyle(document.activeElement!.firstElementChild!).outlineStyle,
  );
  expect(ring).toBe('solid');

  // Arrows move along the flow and the selection follows.
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedNode(page)).toBe('t:choose_oven');
  await expect(page.getByLabel('Properties of choose_oven')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedNode(page)).toMatch(/^t:(bake|zap_first_side)$/);
  const firstCase = await focusedNode(page);
  expect(['t:bake', 't:zap_first_side']).toContain(firstCase);
  await page.keyboard.press(firstCase === 't:bake' ? 'ArrowRight' : 'ArrowLeft');
  await expect
    .poll(() => focusedNode(page))
    .toBe(firstCase === 't:bake' ? 't:zap_first_side' : 't:bake');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedNode(page)).toBe('t:choose_oven');

  // Shift+Tab leaves the graph (to the palette), Tab comes back to the same node.
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedNode(page)).toBeNull();
  await page.keyboard.press('Tab');
  await expect.poll(() => focusedNode(page)).toBe('t:choose_oven');

  // Enter opens its properties, with the focus in them.
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedNode(page)).toBe('t:unwrap_burrito');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('task-name')).toBeFocused();
  await expect(page.getByTestId('task-name')).toHaveValue('unwrap_burrito');

  // Back on the node, Tab reaches its "+", Enter opens the insert menu, arrows pick a type.
  await designer.focusCanvas();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedNode(page)).toBe('t:unwrap_burrito');
  await page.keyboard.press('Tab');
  const plus = page.locator('button.edge-plus[data-source="t:unwrap_burrito"]');
  await expect(plus).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: 'Insert task' });
  await expect(menu.getByLabel('Search task types')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const items = menu.locator('button.palette-item');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  const type = await items.nth(1).getAttribute('data-task-type');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  const exported = JSON.parse(await designer.exportJson()) as WorkflowDef;
  expect(exported.tasks[1]!.type).toBe(type);
});

test('the execution graph is one tab stop: arrows move between tasks and Enter opens the details', async ({
  page,
  api,
}) => {
  const inline = (ref: string) => ({
    name: ref,
    taskReferenceName: ref,
    type: 'INLINE',
    inputParameters: { evaluatorType: 'javascript', expression: '1' },
  });
  const name = uniqueName('kbd_exec');
  await api.metadata.registerWorkflowDef({
    name,
    version: 1,
    schemaVersion: 2,
    tasks: [inline('first'), inline('second'), inline('third')],
  } as unknown as WorkflowDef);
  const id = await api.workflows.startByName(name);
  const ui = new ExecutionsPage(page);
  await ui.open(id);
  await expect(ui.workflowStatus()).toHaveAttribute('data-status', 'COMPLETED');
  await page
    .getByRole('toolbar', { name: 'Execution operations' })
    .getByRole('button')
    .last()
    .focus();
  let tabs = 0;
  while ((await focusedNode(page)) === null && tabs < 6) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  await expect.poll(() => focusedNode(page)).toMatch(/first/);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedNode(page)).toMatch(/second/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]task=second/);
});

test('Find and the command palette jump to a task by reference name, name or type in the designer', async ({
  designer,
  page,
}) => {
  await designer.openNew();
  await designer.paste(JSON.stringify({ ...burrito, name: uniqueName('find_burrito') }));
  await expect(designer.node('serve_burrito')).toBeAttached();
  await designer.focusCanvas();
  const find = page.getByRole('dialog', { name: 'Find a task' });

  await page.keyboard.press('Control+f');
  await find.getByLabel('Find').fill('serve');
  await page.keyboard.press('Enter');
  await expect(find).toBeHidden();
  await expect(page.getByLabel('Properties of serve_burrito')).toBeVisible();
  await expect.poll(() => focusedNode(page)).toBe('t:serve_burrito');

  await page.keyboard.press('Control+f');
  await find.getByLabel('Find').fill('switch');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Properties of choose_oven')).toBeVisible();

  await page.keyboard.press('Control+k');
  await page.getByLabel('Command', { exact: true }).fill('flip_oven');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Properties of flip_oven')).toBeVisible();
  await expect.poll(() => focusedNode(page)).toBe('t:flip_oven');
});

test('on an execution, Find goes to the failed or running task, and the failure banner names it', async ({
  page,
  api,
}) => {
  const inline = (ref: string, expression: string) => ({
    name: ref,
    taskReferenceName: ref,
    type: 'INLINE',
    inputParameters: { evaluatorType: 'javascript', expression },
  });
  const failing = uniqueName('find_failing');
  const waiting = uniqueName('find_waiting');
  await api.metadata.updateWorkflowDefs([
    {
      name: failing,
      version: 1,
      schemaVersion: 2,
      tasks: [inline('first', '1'), inline('boom', "(function () { throw new Error('no'); })()")],
    },
    {
      name: waiting,
      version: 1,
      schemaVersion: 2,
      tasks: [
        inline('ready', '1'),
        { name: 'nobody_polls', taskReferenceName: 'waits', type: 'SIMPLE' },
      ],
    },
  ] as unknown as WorkflowDef[]);
  const ui = new ExecutionsPage(page);
  const find = page.getByRole('dialog', { name: 'Find a task' });

  await ui.open(await api.workflows.startByName(failing));
  await expect(ui.workflowStatus()).toHaveAttribute('data-status', 'FAILED');
  const banner = page.getByTestId('failure-reason');
  await expect(banner).toContainText('Failed at boom');
  await banner.getByRole('button', { name: 'boom' }).click();
  await expect(page).toHaveURL(/[?&]task=boom/);
  await expect.poll(() => focusedNode(page)).toMatch(/boom/);

  await page.keyboard.press('Control+f');
  await find.getByLabel('Find').fill('first');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]task=first/);
  await page.keyboard.press('Control+f');
  await expect(find.getByRole('option').first()).toContainText('Go to failed task');
  await expect(find.getByLabel('Find')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]task=boom/);

  await ui.open(await api.workflows.startByName(waiting));
  await page.keyboard.press('Control+f');
  await find.getByLabel('Find').fill('running');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]task=waits/);
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1600, height: 1000 },
]) {
  const size = `${viewport.width}x${viewport.height}`;

  test(`keyboard only at ${size}: Tab reaches "Skip to canvas", Enter the canvas, arrows select tasks and leave a loop`, async ({
    designer,
    page,
    api,
  }) => {
    await page.setViewportSize(viewport);
    const task = (ref: string) => ({ name: ref, taskReferenceName: ref, type: 'SIMPLE' });
    const name = uniqueName('kbd_skip');
    await api.metadata.registerWorkflowDef({
      name,
      version: 1,
      schemaVersion: 2,
      tasks: [
        task('first'),
        {
          name: 'repeat',
          taskReferenceName: 'repeat',
          type: 'DO_WHILE',
          loopCondition: 'false',
          loopOver: [task('in_loop_a'), task('in_loop_b')],
        },
        task('after_loop'),
      ],
    } as unknown as WorkflowDef);
    await designer.open(name);
    await expect(designer.node('after_loop')).toBeAttached();

    const skip = page.getByRole('link', { name: 'Skip to canvas' });
    await expect(skip).not.toBeInViewport({ ratio: 0.5 });
    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    expect((await skip.boundingBox())!.width).toBeGreaterThan(40);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('canvas')).toBeFocused();
    await expect(skip).not.toBeInViewport({ ratio: 0.5 });

    const selects = async (ref: string) => {
      await expect.poll(() => focusedNode(page)).toBe(`t:${ref}`);
      await expect(page.getByLabel(`Properties of ${ref}`)).toBeVisible();
    };
    await page.keyboard.press('ArrowDown');
    await selects('first');
    for (const ref of ['repeat', 'in_loop_a', 'in_loop_b', 'after_loop']) {
      await page.keyboard.press('ArrowDown');
      await selects(ref);
    }
    await page.keyboard.press('ArrowUp');
    await selects('repeat');
  });

  test(`keyboard only at ${size}: an execution's "Skip to canvas" link, then arrows and Enter`, async ({
    page,
    api,
  }) => {
    await page.setViewportSize(viewport);
    const inline = (ref: string) => ({
      name: ref,
      taskReferenceName: ref,
      type: 'INLINE',
      inputParameters: { evaluatorType: 'javascript', expression: '1' },
    });
    const name = uniqueName('kbd_skip_exec');
    await api.metadata.registerWorkflowDef({
      name,
      version: 1,
      schemaVersion: 2,
      tasks: [inline('first'), inline('second')],
    } as unknown as WorkflowDef);
    const ui = new ExecutionsPage(page);
    await ui.open(await api.workflows.startByName(name));
    await expect(ui.workflowStatus()).toHaveAttribute('data-status', 'COMPLETED');

    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to canvas' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('execution-graph')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedNode(page)).toMatch(/first/);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedNode(page)).toMatch(/second/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]task=second/);
  });
}
