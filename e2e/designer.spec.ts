import { readFileSync } from 'node:fs';
import type { WorkflowDef } from '@baton/engine';
import { expect, test, uniqueName } from './fixtures.js';

const burrito = JSON.parse(
  readFileSync(new URL('../examples/frozen-burrito.json', import.meta.url), 'utf8'),
) as WorkflowDef;

test('builds the frozen burrito from an empty canvas, saves it, and stores exactly that definition', async ({
  designer,
  page,
  api,
}) => {
  const name = uniqueName('frozen_burrito');
  const expected = { ...burrito, name };
  await designer.openNew();

  // Workflow settings.
  await designer.setWorkflowField('Name', name);
  await designer.setWorkflowField('Description', burrito.description!);
  await designer.setWorkflowField('Owner email', burrito.ownerEmail!);
  await designer.setWorkflowField('Input parameters', 'ovenType');
  await designer.setWorkflowField('Timeout (s)', '3600');
  await designer.setWorkflowField('Timeout policy', 'TIME_OUT_WF');
  await designer.setParam('served', '${serve_burrito.output.served}', undefined, 'Add output');
  await designer.setParam(
    'heatedWith',
    '${choose_oven.output.selectedCase}',
    undefined,
    'Add output',
  );

  // First task, with the mouse: the empty canvas's placeholder.
  await designer.addAtPlaceholder('ph:root', 'simple');
  await designer.nameTask('unwrap_burrito', 'unwrap_burrito');

  // The switch, with the keyboard (A after the selection).
  await designer.addAfterSelection('switch');
  await designer.nameTask('choose_oven', 'choose_oven');
  await designer.setField('switch-expression', 'ovenType');
  await designer.setParam('ovenType', '${workflow.input.ovenType}', 'switchCaseValue');
  await designer.setField('case-value-case_a', 'oven');
  await expect(page.locator('.edge-case-label', { hasText: 'oven' })).toBeVisible();

  // Oven case: bake, then flip.
  await designer.addAtPlaceholder('ph:choose_oven/case/oven', 'simple');
  await designer.nameTask('bake', 'bake');
  await designer.setParam('burrito', '${unwrap_burrito.output.burrito}');
  await designer.setParam('temperatureC', '200');
  await designer.setParam('minutes', '20');
  await designer.addAfterSelection('simple');
  await designer.nameTask('flip', 'flip_oven');
  await designer.setParam('burrito', '${bake.output.burrito}');

  // Default case: drag from the palette onto the empty default case.
  await designer.dragFromPalette('SIMPLE', designer.placeholder('ph:choose_oven/default/'));
  await designer.nameTask('zap', 'zap_first_side');
  await designer.setParam('burrito', '${unwrap_burrito.output.burrito}');
  await designer.setParam('seconds', '90');
  await designer.addAfterSelection('simple');
  await designer.nameTask('flip', 'flip_microwave');
  await designer.setParam('burrito', '${zap_first_side.output.burrito}');
  await designer.addAfterSelection('simple');
  await designer.nameTask('zap', 'zap_second_side');
  await designer.setParam('burrito', '${flip_microwave.output.burrito}');
  await designer.setParam('seconds', '60');

  // After the switch.
  await designer.select('choose_oven');
  await designer.addAfterSelection('simple');
  await designer.nameTask('serve_burrito', 'serve_burrito');
  await designer.setParam('ovenType', '${choose_oven.output.selectedCase}');

  await expect(page.getByTestId('problem-count')).toHaveText('No problems');
  await designer.save();
  await expect(page).toHaveURL(new RegExp(`/workflows/${name}/1$`));

  await page.reload();
  await expect(designer.node('zap_second_side')).toBeVisible();
  await expect(page.getByTestId('designer-name')).toHaveText(name);

  const stored = (await api.metadata.getWorkflowDef(name, 1)) as WorkflowDef;
  expect(stored).toMatchObject(expected as unknown as Record<string, unknown>);
  expect(stored.tasks.map((t) => t.taskReferenceName)).toEqual([
    'unwrap_burrito',
    'choose_oven',
    'serve_burrito',
  ]);
});

test('undoes and redoes edits with the keyboard', async ({ designer, page }) => {
  await designer.openNew();
  await designer.addAtPlaceholder('ph:root', 'http');
  await expect(designer.node('http')).toBeVisible();
  await designer.addAfterSelection('wait');
  await expect(designer.node('wait')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(designer.node('wait')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(designer.node('http')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(designer.node('wait')).toBeVisible();
  await expect(designer.node('http')).toBeVisible();
});

test('shows a JSON edit on the canvas, and keeps the canvas when the JSON is invalid', async ({
  designer,
  page,
}) => {
  await designer.openNew();
  const def = {
    name: 'json_edit',
    version: 1,
    tasks: [{ name: 'from_json', taskReferenceName: 'from_json', type: 'SIMPLE' }],
  };
  await designer.replaceJson(JSON.stringify(def, null, 2));
  await expect(designer.node('from_json')).toBeVisible();
  await designer.replaceJson('{ "name": "broken", "tasks": [');
  await expect(page.locator('.json-panel .squiggly-error').first()).toBeVisible();
  await expect(designer.node('from_json')).toBeVisible();
  await expect(page.getByTestId('designer-name')).toHaveText('json_edit');
});

test('marks the problems of an invalid definition on the right nodes', async ({
  designer,
  page,
}) => {
  await designer.openNew();
  const def = {
    name: 'invalid_one',
    version: 1,
    tasks: [
      { name: 'ok', taskReferenceName: 'ok', type: 'SIMPLE' },
      {
        name: 'sw',
        taskReferenceName: 'sw',
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'x',
        decisionCases: {},
      },
      {
        name: 'fork',
        taskReferenceName: 'fork',
        type: 'FORK_JOIN',
        forkTasks: [[{ name: 'b', taskReferenceName: 'b', type: 'SIMPLE' }]],
      },
      { name: 'after', taskReferenceName: 'after', type: 'SIMPLE' },
    ],
  };
  await designer.paste(JSON.stringify(def));
  await expect(designer.node('sw')).toHaveClass(/has-issues/);
  await expect(designer.node('fork')).toHaveClass(/has-issues/);
  await expect(designer.node('ok')).not.toHaveClass(/has-issues/);
  await expect(designer.problemsFor('sw').first()).toBeVisible();
  await expect(designer.problemsFor('fork').first()).toBeVisible();
  await designer.problemsFor('fork').first().click();
  await expect(page.getByLabel('Properties of fork')).toBeVisible();
});

test('a new, untouched canvas has no problems, with a check icon, and the toolbar names the keys of this platform', async ({
  designer,
  page,
}) => {
  await designer.openNew();
  await expect(page.getByTestId('problem-count')).toHaveText('No problems');
  await expect(page.locator('.problems-head svg').first()).toHaveAttribute('class', /circle-check/);
  // Chromium on Linux: Ctrl, not ⌘.
  const palette = page.getByRole('button', { name: 'Command palette' });
  await expect(palette).toContainText('Ctrl');
  await expect(palette).not.toContainText('⌘');
  await expect(page.locator('.designer-toolbar')).not.toContainText('⌘');
  // Once edited, an empty task list is a problem again.
  await designer.addAtPlaceholder('ph:root', 'simple');
  await designer.focusCanvas();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('problem-count')).toHaveText('1 problem');
});

test('the save dialog shows a new workflow as its JSON, and a stored one through a real diff', async ({
  designer,
  page,
  api,
}) => {
  await designer.openNew();
  await designer.addAtPlaceholder('ph:root', 'simple');
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save workflow' });
  await expect(dialog.getByTestId('diff-summary')).toHaveText(/^\d+ lines of JSON\.$/);
  await expect(dialog).not.toContainText('removed');
  // A modal: focus starts on its Save button, Tab stays inside, Escape closes it.
  await expect(dialog.getByRole('button', { name: /^Save v/ })).toBeFocused();
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.keyboard.press('Control+s');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  const name = uniqueName('diffed');
  await api.metadata.registerWorkflowDef({
    name,
    version: 1,
    schemaVersion: 2,
    description: 'before',
    tasks: [
      { name: 'a', taskReferenceName: 'a', type: 'SIMPLE' },
      { name: 'b', taskReferenceName: 'b', type: 'SIMPLE' },
    ],
  } as WorkflowDef);
  await designer.open(name, 1);
  await designer.setWorkflowField('Description', 'after');
  await designer.select('b');
  await designer.focusCanvas();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+s');
  // Monaco's diff editor: the description line and a's closing `},` changed (2 added, 2 removed),
  // and b's 5 lines went.
  await expect(dialog.locator('.monaco-diff-editor')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByTestId('diff-summary')).toHaveText('2 lines added, 7 removed.');
});
