/**
 * Debugging a failed run in the designer and comparing runs and versions, against the real server:
 * fail a run, open it in the designer, fix it, restart it on the fixed version to COMPLETED; compare
 * two runs that took different SWITCH cases; compare two versions from the designer's version list.
 * axe runs on each page (light theme; the dark one shares the tokens checked by a11y.spec.ts).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
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

async function expectAxeClean(page: Page, where: string) {
  // Monaco's diff editor is left out: its hidden edit-context inputs carry no label and its
  // deleted-text highlight fails contrast (a known gap, listed in docs/debug-and-compare.md).
  const { violations } = await new AxeBuilder({ page }).exclude('.monaco-diff-editor').analyze();
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
  await expectAxeClean(page, 'compare versions');
  // The removed task is on the older version's canvas.
  await page.getByTestId('change-removed-c').click();
  await expect(page.getByTestId('task-c')).toHaveAttribute('data-mark', 'removed');
});
