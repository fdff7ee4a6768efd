/**
 * Debugging a failed run in the designer and comparing runs and versions, against the real server:
 * fail a run, open it in the designer, fix it, restart it on the fixed version to COMPLETED; compare
 * two runs that took different SWITCH cases; compare two versions from the designer's version list.
 * axe runs on each page, Monaco's diff editors included (light theme; the dark one shares the
 * tokens checked by a11y.spec.ts, and the diff colours of both are checked by
 * apps/web/src/ui/monaco-themes.test.ts). The debug page's layout is checked with bounding boxes
 * at 1280×720 and 1600×1000.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { BatonClient, WorkflowDef, WorkflowTask } from '@baton/client';
import { expect, test, uniqueName } from './fixtures.js';

const inline = (ref: string, expression: string, extra: Record<string, unknown> = {}) =>
  ({
    name: ref,
    taskReferenceName: ref,
    type: 'INLINE',
    inputParameters: { evaluatorType: 'javascript', expression, ...extra },
  }) as WorkflowTask;

const def = (name: string, tasks: WorkflowTask[], version = 1): WorkflowDef => ({
  name,
  version,
  schemaVersion: 2,
  tasks,
  inputParameters: [],
  outputParameters: {},
  timeoutPolicy: 'ALERT_ONLY',
  timeoutSeconds: 0,
});

async function finished(api: BatonClient, id: string) {
  await expect
    .poll(async () => (await api.workflows.get(id, { includeTasks: false })).status, {
      timeout: 20_000,
    })
    .not.toBe('RUNNING');
  return api.workflows.get(id, { includeTasks: true });
}

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} has no box`);
  return box;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every pair of the badges is visible and none covers another. */
async function expectApart(named: Record<string, Locator>) {
  const boxes = await Promise.all(
    Object.entries(named).map(async ([name, l]) => {
      await expect(l, name).toBeVisible();
      return [name, await boxOf(l)] as const;
    }),
  );
  const clashes: string[] = [];
  for (const [i, [a, boxA]] of boxes.entries())
    for (const [b, boxB] of boxes.slice(i + 1))
      if (overlaps(boxA, boxB)) clashes.push(`${a} × ${b}`);
  expect(clashes).toEqual([]);
}

/** `inner` lies wholly inside `outer` (half a pixel of rounding allowed). */
function expectInside(inner: Box, outer: Box, what: string) {
  const e = 0.5;
  expect(
    inner.x >= outer.x - e &&
      inner.y >= outer.y - e &&
      inner.x + inner.width <= outer.x + outer.width + e &&
      inner.y + inner.height <= outer.y + outer.height + e,
    `${what}: ${JSON.stringify(inner)} inside ${JSON.stringify(outer)}`,
  ).toBe(true);
}

/** A run whose loop body task fails: prepare → loop(step, boom) → finish. */
async function failedLoopRun(api: BatonClient): Promise<string> {
  const name = uniqueName('debug_loop');
  await api.metadata.registerWorkflowDef(
    def(name, [
      inline('prepare', '({ ready: true })'),
      {
        name: 'loop',
        taskReferenceName: 'loop',
        type: 'DO_WHILE',
        loopCondition: "$.loop['iteration'] < 3",
        loopOver: [
          inline('step', '1'),
          inline('boom', "(function () { throw new Error('boom went the task'); })()", {
            payload: { list: [1, 2, 3], nested: { deeper: { deepest: 'a long string value' } } },
          }),
        ],
      } as WorkflowTask,
      inline('finish', '1'),
    ]),
  );
  const id = await api.workflows.start({ name, input: {} });
  expect((await finished(api, id)).status).toBe('FAILED');
  return id;
}

/** axe on the page, or only inside `within` (a modal: the page under its backdrop is dimmed). */
async function expectAxeClean(page: Page, where: string, within?: string) {
  const axe = new AxeBuilder({ page });
  const { violations } = await (within ? axe.include(within) : axe).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

test('fails a run, opens it in the designer, fixes it and restarts it to COMPLETED', async ({
  page,
  api,
  designer,
}) => {
  test.setTimeout(120_000);
  const name = uniqueName('debug_fix');
  await api.metadata.registerWorkflowDef(
    def(name, [
      inline('prepare', '({ ready: true })'),
      inline(
        'check',
        "(function () { if ($.mode === 'broken') throw new Error('mode is broken'); return { mode: $.mode }; })()",
        { mode: 'broken' },
      ),
      inline('finish', '1'),
    ]),
  );
  const id = await api.workflows.start({ name, input: {} });
  expect((await finished(api, id)).status).toBe('FAILED');

  await page.goto(`/executions/${id}`);
  await page.getByRole('link', { name: 'Open in designer' }).click();
  await expect(page).toHaveURL(new RegExp(`/executions/${id}/debug$`));
  // Each node shows what the run did; the failed task is selected with its input and error.
  await expect(designer.node('prepare')).toHaveAttribute('data-mark', 'success');
  await expect(designer.node('check')).toHaveAttribute('data-mark', 'failure');
  await expect(designer.node('finish')).not.toHaveAttribute('data-mark');
  const panel = page.getByTestId('run-panel');
  await expect(panel.getByRole('heading', { name: 'check' })).toBeVisible();
  await expect(panel.getByTestId('run-task-reason')).toContainText('mode is broken');
  await expect(panel.getByTestId('json-input')).toBeVisible();
  await expect(panel.getByTestId('json-output')).toBeVisible();
  // Unchanged: a rerun from the failed task, previewed before it runs.
  await panel.getByRole('button', { name: 'Rerun from this task…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Rerun from check?' });
  await expect(dialog.getByTestId('plan-again')).toContainText('check');
  await expect(dialog.getByTestId('plan-kept')).toContainText('prepare');
  await expect(dialog.getByTestId('plan-ifReached')).toContainText('finish');
  await expectAxeClean(page, 'rerun preview');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Fix the task's input in the inspector.
  await designer.showTab('Task');
  await designer.setParam('mode', 'fixed', 'mode');
  // The edited designer (with its "Unsaved" mark) and the save dialog's diff of the edit pass axe
  // (Monaco's inputs are named, see ui/JsonDiff.tsx).
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
  await expectAxeClean(page, 'edited designer');
  await designer.focusCanvas();
  await page.keyboard.press('Control+s');
  const save = page.getByRole('dialog', { name: 'Save workflow' });
  await expect(save.locator('.monaco-diff-editor')).toBeVisible({ timeout: 30_000 });
  await expect(save.getByRole('textbox', { name: 'Definition to save' })).toBeAttached();
  await expectAxeClean(page, 'save dialog', '[role="dialog"]');
  await save.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('tab', { name: 'Run' }).click();
  await expect(panel.getByTestId('restart-explained')).toContainText('version 2');
  await panel.getByRole('button', { name: 'Save as v2 and restart…' }).click();
  dialog = page.getByRole('dialog', { name: 'Save as version 2 and restart on it?' });
  await expect(dialog.getByTestId('plan-again')).toContainText('prepare');
  await expect(dialog.getByTestId('plan-again')).toContainText('check');
  await expect(dialog.getByTestId('plan-ifReached')).toContainText('finish');
  await dialog.getByRole('button', { name: 'Save v2 and restart' }).click();

  await expect(page).toHaveURL(new RegExp(`/executions/${id}$`));
  const after = await finished(api, id);
  expect(after.status).toBe('COMPLETED');
  expect(after.workflowVersion).toBe(2);
  expect(after.tasks.find((t) => t.referenceTaskName === 'check')?.outputData).toMatchObject({
    result: { mode: 'fixed' },
  });
  await expect(page.locator('.exec-header')).toContainText('Completed');
});

test('an unknown execution opens an explanation, not a broken designer', async ({ page }) => {
  await page.goto('/executions/no-such-run/debug');
  await expect(
    page.getByRole('heading', { name: 'Cannot open execution no-such-run' }),
  ).toBeVisible();
});

test('compares two runs that took different SWITCH cases', async ({ page, api }) => {
  const name = uniqueName('compare_runs');
  await api.metadata.registerWorkflowDef(
    def(name, [
      {
        name: 'route',
        taskReferenceName: 'route',
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'size',
        inputParameters: { size: '${workflow.input.size}' },
        decisionCases: {
          small: [inline('small_box', "({ box: 'small' })")],
          big: [inline('big_box', "({ box: 'big' })")],
        },
      } as WorkflowTask,
      inline('label', "'done'"),
    ]),
  );
  const a = await api.workflows.start({ name, input: { size: 'small' } });
  const b = await api.workflows.start({ name, input: { size: 'big' } });
  expect((await finished(api, a)).status).toBe('COMPLETED');
  expect((await finished(api, b)).status).toBe('COMPLETED');

  await page.goto(`/executions/${a}`);
  await page.getByRole('link', { name: 'Compare with…' }).click();
  await page.getByTestId('pick-B').selectOption(b);
  await expect(page.getByTestId('divergence')).toContainText('First divergence at route');
  await expect(page.getByTestId('task-route')).toHaveAttribute('data-mark', 'diverged');
  await expect(page.getByTestId('task-small_box')).toHaveAttribute('data-mark', 'changed');
  await expect(page.getByTestId('task-label')).not.toHaveAttribute('data-mark');
  await expect(page.getByTestId('compare-row-small_box')).toContainText('not reached');
  await expect(page.getByTestId('compare-row-label')).toHaveAttribute('data-differs', 'false');
  // The SWITCH's mark and its collapse pill share its bottom edge without covering each other.
  await expectApart({
    mark: page.getByTestId('mark-route'),
    pill: page.getByTestId('task-route').locator('.group-toggle'),
  });
  // The output diff of the SWITCH: the case each run took.
  await page.getByTestId('compare-row-route').getByRole('button').click();
  const diff = page.locator('.compare-output .monaco-diff-editor');
  await expect(diff).toBeVisible({ timeout: 30_000 });
  await expect(diff).toContainText('small');
  await expect(diff).toContainText('big');
  await expectAxeClean(page, 'compare runs');

  // Another workflow's run is refused with a message naming both.
  const other = uniqueName('other');
  await api.metadata.registerWorkflowDef(def(other, [inline('x', '1')]));
  const c = await api.workflows.start({ name: other, input: {} });
  await page.goto(`/compare/runs?a=${a}&b=${c}`);
  await expect(page.getByRole('alert')).toContainText(`execution of ${other}, not ${name}`);
});

test('compares two versions from the version list', async ({ page, api, designer }) => {
  const name = uniqueName('compare_versions');
  await api.metadata.registerWorkflowDef(
    def(name, [inline('a', '1'), inline('b', '2'), inline('c', '3')]),
  );
  await api.metadata.registerWorkflowDef(
    def(name, [inline('a', '10'), inline('b', '2'), inline('d', '4')], 2),
  );
  await designer.open(name, 2);
  await page.getByRole('link', { name: 'Compare with…' }).click();
  await expect(page).toHaveURL(/\/compare\/versions\/.*\?a=1&b=2$/);
  await expect(page.getByTestId('version-diff-summary')).toHaveText(
    'v1 → v2: 1 added, 1 removed, 1 changed.',
  );
  await expect(page.getByTestId('task-d')).toHaveAttribute('data-mark', 'added');
  await expect(page.getByTestId('task-a')).toHaveAttribute('data-mark', 'changed');
  await expect(page.getByTestId('task-b')).not.toHaveAttribute('data-mark');
  await expect(page.locator('.compare-output .monaco-diff-editor')).toBeVisible({
    timeout: 30_000,
  });
  // Removed lines take Baton's contrast-checked diff colours (ui/monaco-themes.ts), in both themes.
  const removedLine = page.locator('.compare-output .line-delete').first();
  const background = () => removedLine.evaluate((e) => getComputedStyle(e).backgroundColor);
  await expect.poll(background).toMatch(/^rgba\(207, 34, 46, 0\.0\d*\)$/);
  await expectAxeClean(page, 'compare versions');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect.poll(background).toMatch(/^rgba\(248, 81, 73, 0\.1\d*\)$/);
  await expectAxeClean(page, 'compare versions, dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  // The removed task is on the older version's canvas.
  await page.getByTestId('change-removed-c').click();
  await expect(page.getByTestId('task-c')).toHaveAttribute('data-mark', 'removed');
});

for (const [width, height] of [
  [1280, 720],
  [1600, 1000],
] as const) {
  test(`the Run tab shows the task's input and output whole at ${width}×${height}`, async ({
    page,
    api,
  }) => {
    const id = await failedLoopRun(api);
    await page.setViewportSize({ width, height });
    await page.goto(`/executions/${id}/debug`);
    const panel = page.getByTestId('run-panel');
    await expect(panel.getByRole('heading', { name: 'boom' })).toBeVisible();
    const tabBody = page.locator('.designer-right .tab-body');
    for (const [testId, text] of [
      ['json-input', 'deepest'],
      ['json-output', '{'],
    ] as const) {
      const viewer = panel.getByTestId(testId);
      const editor = viewer.locator('.monaco-editor');
      await expect(editor).toBeVisible({ timeout: 30_000 });
      await expect(editor.locator('.view-lines')).toContainText(text);
      await viewer.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
      const frame = await boxOf(viewer);
      // The viewer lies inside the inspector once scrolled to, and Monaco fills the viewer: it is
      // not squeezed to its first line nor wider than the panel.
      expectInside(frame, await boxOf(tabBody), `${testId} in the inspector`);
      const inner = await boxOf(editor);
      expectInside(inner, frame, `${testId}'s editor in its frame`);
      expect(inner.height, `${testId}'s editor height`).toBeGreaterThan(frame.height - 4);
      expect(inner.width, `${testId}'s editor width`).toBeGreaterThan(frame.width - 4);
      const first = await boxOf(editor.locator('.view-line').first());
      expectInside(first, inner, `${testId}'s first line`);
    }
    // The mouse wheel over a viewer scrolls the inspector (Monaco does not swallow it).
    await tabBody.evaluate((el) => el.scrollTo(0, 0));
    await panel.getByTestId('json-input').hover();
    await page.mouse.wheel(0, 600);
    await expect.poll(() => tabBody.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    // The inspector scrolls to the rerun controls below the viewers.
    const rerun = panel.getByRole('button', { name: 'Rerun from this task…' });
    await rerun.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
    expectInside(await boxOf(rerun), await boxOf(tabBody), 'the rerun button');
  });
}

test('the rerun list names each task status as the monitor does', async ({ page, api }) => {
  const id = await failedLoopRun(api);
  await page.goto(`/executions/${id}/debug`);
  const select = page.getByTestId('rerun-from');
  await expect(select.locator('option', { hasText: 'boom' })).toHaveText(
    'boom__1 (Failed with terminal error)',
  );
  await expect(select.locator('option', { hasText: 'prepare' })).toHaveText('prepare (Completed)');
  const labels = await select.locator('option').allTextContents();
  expect(labels.filter((l) => /[a-z]_[a-z]|[A-Z]{2}/.test(l.replace(/^\S+ /, '')))).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a loop's mark, collapse pill and type label never overlap (${colorScheme})`, async ({
    page,
    api,
  }) => {
    await page.emulateMedia({ colorScheme });
    const id = await failedLoopRun(api);
    // Designer skin: the run's mark on the loop beside its pill and label.
    await page.goto(`/executions/${id}/debug`);
    const loop = page.getByTestId('task-loop');
    await expect(loop).toHaveAttribute('data-mark', /.+/);
    await expectApart({
      mark: page.getByTestId('mark-loop'),
      pill: loop.locator('.group-toggle'),
      type: loop.locator('.task-node-type'),
    });
    // The row stays within the loop's width.
    const [mark, frame] = [await boxOf(page.getByTestId('mark-loop')), await boxOf(loop)];
    expect(mark.x).toBeGreaterThanOrEqual(frame.x);
    expect(mark.x + mark.width).toBeLessThanOrEqual(frame.x + frame.width);
    // Execution skin: the pill and label beside the iteration stepper.
    await page.goto(`/executions/${id}`);
    const execLoop = page.getByTestId('exec-node-loop');
    await expectApart({
      pill: execLoop.locator('.group-toggle'),
      type: execLoop.locator('.task-node-type'),
      stepper: execLoop.locator('.iteration-stepper'),
    });
  });
}

for (const [width, height] of [
  [1280, 720],
  [1600, 1000],
] as const) {
  test(`keyboard only at ${width}×${height}: from the canvas to the Run tab, rerun from the task picked on it`, async ({
    page,
    api,
  }) => {
    const id = await failedLoopRun(api);
    await page.setViewportSize({ width, height });
    await page.goto(`/executions/${id}/debug`);
    const panel = page.getByTestId('run-panel');
    await expect(panel.getByRole('heading', { name: 'boom' })).toBeVisible();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const node = el?.closest('.react-flow__node')?.getAttribute('data-id');
        return (
          node ?? `${el?.getAttribute('role') ?? el?.tagName.toLowerCase()}:${el?.textContent}`
        );
      });
    const tabUntil = async (target: string | RegExp) => {
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        if (typeof target === 'string' ? now === target : target.test(now)) return;
      }
      throw new Error(`Tab never reached ${String(target)}`);
    };

    // One Tab from the palette lands on the failed task's node (the loop's pill is no tab stop).
    await page.locator('.designer-left button.palette-item').last().focus();
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('t:boom');
    // Arrows pick another task: the Run tab shows it, and "Rerun from" follows.
    await page.keyboard.press('ArrowUp');
    await expect.poll(focused).toBe('t:step');
    await expect(panel.getByRole('heading', { name: 'step' })).toBeVisible();
    await expect(panel.getByTestId('rerun-from').locator('option:checked')).toHaveText(
      'step__1 (Completed)',
    );
    // Tab on to the Run tab, its rerun button, the confirmation; Escape returns to the button.
    await tabUntil('tab:Run');
    const rerun = panel.getByRole('button', { name: 'Rerun from this task…' });
    await tabUntil('button:Rerun from this task…');
    await expect(rerun).toBeInViewport();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Rerun from step__1?' });
    await expect(dialog.getByRole('button', { name: 'Rerun' })).toBeFocused();
    await expect(dialog.getByTestId('plan-again')).toContainText('step');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(rerun).toBeFocused();
  });
}
