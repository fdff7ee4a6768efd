/**
 * "Never lose an edit": journeys where a keystroke, an import or a rename used to throw away what
 * the user typed (issue 16, items 1–6).
 */
import type { Page } from '@playwright/test';
import type { WorkflowDef } from '@baton/engine';
import { expect, test, uniqueName } from './fixtures.js';
import type { DesignerPage } from './pages/designer-page.js';

/** A three-task workflow, the middle one with one input parameter. */
function threeTasks(name: string): WorkflowDef {
  return {
    name,
    version: 1,
    schemaVersion: 2,
    tasks: [
      { name: 'first', taskReferenceName: 'first', type: 'SIMPLE' },
      {
        name: 'second',
        taskReferenceName: 'second',
        type: 'SIMPLE',
        inputParameters: { size: '${first.output.size}' },
      },
      { name: 'third', taskReferenceName: 'third', type: 'SIMPLE' },
    ],
  } as WorkflowDef;
}

async function openDraft(designer: DesignerPage, def: WorkflowDef): Promise<void> {
  await designer.openNew();
  await designer.paste(JSON.stringify(def));
  await expect(designer.node('third')).toBeVisible();
}

const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

test('Tab out of a parameter name moves to its value, and plain keys stay text outside the canvas', async ({
  designer,
  page,
}) => {
  await openDraft(designer, threeTasks(uniqueName('tab_order')));
  await designer.select('second');
  const panel = page.locator('.designer-right');
  const name = panel.getByLabel('Parameter name size', { exact: true });
  await name.fill('width');
  await name.press('Tab');
  // The rename is stored and the focus moved to the next field, not onto the page.
  await expect(panel.getByLabel('Parameter name width', { exact: true })).toBeVisible();
  await expect.poll(() => focusedLabel(page)).toBe('Value of width');
  await page.keyboard.press('End');
  await page.keyboard.type('k');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(panel.getByLabel('Value of width', { exact: true })).toHaveValue(
    '${first.output.size',
  );
  // Neither `k` nor Backspace ran a canvas shortcut: the same task is selected and still there.
  await expect(page.getByLabel('Properties of second')).toBeVisible();
  await expect(designer.node('second')).toBeVisible();

  // A button in the panel has the focus: plain keys are not canvas shortcuts there either.
  await panel.getByRole('button', { name: 'Move up' }).focus();
  await page.keyboard.press('k');
  await page.keyboard.press('Delete');
  await expect(page.getByLabel('Properties of second')).toBeVisible();
  await expect(designer.node('second')).toBeVisible();

  // On the canvas they are.
  await designer.focusCanvas();
  await page.keyboard.press('k');
  await expect(page.getByLabel('Properties of first')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(designer.node('first')).toHaveCount(0);
});

test('JSON that does not parse is a problem, blocks Save, and is not replaced without asking', async ({
  designer,
  page,
}) => {
  await openDraft(designer, threeTasks(uniqueName('json_typing')));
  const editorText = page.locator('.json-panel .view-lines');
  await designer.replaceJson('{ "name": "typed_by_hand", "tasks": [');
  // The syntax error is listed in the problems panel and in the toolbar.
  const jsonProblem = page.getByTestId('problem').filter({ hasText: 'JSON syntax error' });
  await expect(jsonProblem).toBeVisible();
  await expect(page.getByTestId('problem-count')).not.toHaveText('No problems');
  await expect(page.getByTestId('json-error-indicator')).toContainText('JSON syntax error');

  // Save is blocked: the button is disabled and Ctrl+S says why instead of storing the old draft.
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toContainText('Fix the JSON syntax error first');
  await expect(page.getByRole('dialog', { name: 'Save workflow' })).toHaveCount(0);

  // A canvas edit asks first; Cancel takes the edit back and keeps the typed text.
  await designer.node('first').click({ position: { x: 40, y: 24 } });
  await page.keyboard.press('Delete');
  const ask = page.getByRole('dialog', { name: 'Replace the JSON you are editing?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(designer.node('first')).toBeVisible();
  await expect(editorText).toContainText('typed_by_hand');

  // Leaving the JSON tab and coming back keeps the text too.
  await designer.showTab('Workflow');
  await designer.showTab('JSON');
  await expect(editorText).toContainText('typed_by_hand');
  await expect(jsonProblem).toBeVisible();

  // Confirming replaces the text with the canvas's definition, and the problem goes away.
  await designer.node('first').click({ position: { x: 40, y: 24 } });
  await page.keyboard.press('Delete');
  await ask.getByRole('button', { name: 'Replace the JSON text' }).click();
  await expect(designer.node('first')).toHaveCount(0);
  await expect(editorText).not.toContainText('typed_by_hand');
  await expect(editorText).toContainText('"second"');
  await expect(jsonProblem).toHaveCount(0);
  await expect(page.getByTestId('json-error-indicator')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
});

test('a file of another workflow opens as a new draft of its name, and saving never touches the open one', async ({
  designer,
  page,
  api,
}) => {
  const open = threeTasks(uniqueName('open_one'));
  const other = threeTasks(uniqueName('other_one'));
  other.tasks = other.tasks.slice(0, 1);
  await api.metadata.registerWorkflowDef(open);
  await designer.open(open.name, 1);
  await designer.importFile('other.json', JSON.stringify(other));
  // A new draft of the imported name: not an edit of the open workflow.
  await expect(page).toHaveURL(/\/workflows\/new\?import=/);
  await expect(page.getByTestId('designer-name')).toHaveText(other.name);
  await expect(page.getByRole('status')).toContainText(`${open.name} is unchanged`);
  await expect(designer.node('first')).toBeVisible();
  await expect(designer.node('second')).toHaveCount(0);
  const dialog = await designer.submitSave();
  await expect(dialog).toBeHidden();
  expect(await api.metadata.getWorkflowDef(other.name, 1)).toMatchObject({ tasks: other.tasks });
  expect(await api.metadata.getWorkflowDef(open.name, 1)).toMatchObject({ tasks: open.tasks });

  // Renaming the stored workflow open: the dialog offers no overwrite, of either name.
  await designer.open(open.name, 1);
  await designer.setWorkflowField('Name', other.name);
  await page.keyboard.press('Control+s');
  const save = page.getByRole('dialog', { name: 'Save workflow' });
  await expect(save).toContainText(`other than ${open.name}`);
  await expect(save.getByLabel(/Overwrite version/)).toHaveCount(0);
  await expect(save.getByRole('button', { name: 'Save v2' })).toBeVisible();
  await save.getByRole('button', { name: 'Save v2' }).click();
  await expect(save).toBeHidden();
  expect(await api.metadata.getWorkflowDef(other.name, 2)).toMatchObject({ tasks: open.tasks });
  expect(await api.metadata.getWorkflowDef(open.name, 1)).toMatchObject({ tasks: open.tasks });
  await expect(api.metadata.getWorkflowDef(open.name, 2)).rejects.toMatchObject({ status: 404 });
});

test('importing from the workflow list keeps the unsaved new draft, says what it did, and asks before replacing a draft', async ({
  designer,
  page,
}) => {
  page.on('dialog', (d) => void d.accept()); // leaving a page with unsaved changes
  const mine = threeTasks(uniqueName('my_draft'));
  await openDraft(designer, mine);
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
  await page.waitForTimeout(400); // the draft is kept 200 ms after the last edit

  const imported = threeTasks(uniqueName('from_file'));
  imported.tasks = imported.tasks.slice(0, 2);
  const importFromList = async (def: WorkflowDef) => {
    await page.goto('/workflows');
    await page.locator('.page-actions input[type="file"]').setInputFiles({
      name: 'wf.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(def)),
    });
  };
  await importFromList(imported);
  await expect(page).toHaveURL(/\/workflows\/new\?import=/);
  await expect(page.getByTestId('designer-name')).toHaveText(imported.name);
  await expect(page.getByRole('status')).toHaveText(`Imported ${imported.name} from wf.json`);

  // The blank-designer draft is still there.
  await page.goto('/workflows/new');
  await expect(page.getByTestId('designer-name')).toHaveText(mine.name);
  await expect(designer.node('third')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Restored your unsaved draft');

  // Importing the same name again over its unsaved draft asks first.
  const changed = { ...imported, tasks: imported.tasks.slice(0, 1) };
  await importFromList(changed);
  const ask = page.getByRole('dialog', { name: `Replace your unsaved draft of ${imported.name}?` });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/workflows$/);
  await importFromList(changed);
  await ask.getByRole('button', { name: 'Replace the draft' }).click();
  await expect(page).toHaveURL(/\/workflows\/new\?import=/);
  await expect(designer.node('first')).toBeVisible();
  await expect(designer.node('second')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('replaced your earlier unsaved draft');
});

test('pasted JSON with a repeated reference name draws every task and marks the duplicates', async ({
  designer,
  page,
}) => {
  const def = threeTasks(uniqueName('dups'));
  def.tasks[2]!.taskReferenceName = 'second';
  def.tasks.push({ name: 'last', taskReferenceName: 'last', type: 'SIMPLE' });
  await designer.openNew();
  await designer.paste(JSON.stringify(def));
  await expect(designer.node('last')).toBeVisible();
  const dups = designer.node('second');
  await expect(dups).toHaveCount(2);
  for (const d of await dups.all()) {
    await expect(d).toHaveAttribute('data-duplicate', 'true');
    await expect(d).toContainText('duplicate reference');
  }
  await expect(designer.node('first')).not.toHaveAttribute('data-duplicate', 'true');
  // Each edge joins the task it belongs to: first → second → its twin → last.
  for (const id of ['e:t:first->t:second', 'e:t:second->t:second~2', 'e:t:second~2->t:last'])
    await expect(page.getByTestId(`rf__edge-${id}`)).toHaveCount(1);
  await expect(designer.problemsFor('second').first()).toContainText('should be unique');
});

test('renaming a reference name offers to update the expressions that read it, and rejects names ${} cannot read', async ({
  designer,
  page,
}) => {
  const def = threeTasks(uniqueName('rename_ref'));
  def.tasks[2]!.inputParameters = { all: '${first.output}', text: 'x ${first.input.y} z' };
  def.outputParameters = { done: '${first.output.done}', other: '${firstly.output.x}' };
  await openDraft(designer, def);
  await designer.select('first');
  const refBox = page.getByTestId('task-ref');

  // A name Conductor cannot resolve inside ${} is refused, with the reason, and nothing changes.
  await refBox.fill('first.step');
  await refBox.press('Tab');
  await expect(page.getByRole('alert')).toContainText('cannot be used');
  await expect(refBox).toHaveAttribute('aria-invalid', 'true');
  await expect(designer.node('first')).toBeVisible();
  await refBox.fill('second');
  await refBox.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Another task already uses');

  // A valid new name: the designer counts the expressions reading the task and offers to update them.
  await refBox.fill('prepare');
  await refBox.press('Enter');
  const ask = page.getByRole('dialog', { name: 'Update 4 references to first?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Update references' }).click();
  await expect(designer.node('prepare')).toBeVisible();
  const exported = JSON.parse(await designer.exportJson()) as WorkflowDef;
  expect(exported.tasks[0]!.taskReferenceName).toBe('prepare');
  expect(exported.tasks[1]!.inputParameters).toEqual({ size: '${prepare.output.size}' });
  expect(exported.tasks[2]!.inputParameters).toEqual({
    all: '${prepare.output}',
    text: 'x ${prepare.input.y} z',
  });
  expect(exported.outputParameters).toEqual({
    done: '${prepare.output.done}',
    other: '${firstly.output.x}',
  });

  // One undo step takes back the rename and the updated expressions together.
  await designer.focusCanvas();
  await page.keyboard.press('Control+z');
  await expect(designer.node('first')).toBeVisible();
  const undone = JSON.parse(await designer.exportJson()) as WorkflowDef;
  expect(undone.tasks[1]!.inputParameters).toEqual({ size: '${first.output.size}' });

  // "Rename only" leaves the expressions as they were.
  await designer.select('first');
  await refBox.fill('prep_only');
  await refBox.press('Enter');
  await ask.getByRole('button', { name: 'Rename only' }).click();
  await expect(designer.node('prep_only')).toBeVisible();
  const renamedOnly = JSON.parse(await designer.exportJson()) as WorkflowDef;
  expect(renamedOnly.tasks[1]!.inputParameters).toEqual({ size: '${first.output.size}' });
});

test('Tab out of a renamed switch case moves on in the panel, and plain keys stay text there', async ({
  designer,
  page,
}) => {
  const def = {
    name: uniqueName('case_tab'),
    version: 1,
    schemaVersion: 2,
    tasks: [
      { name: 'before', taskReferenceName: 'before', type: 'SIMPLE' },
      {
        name: 'sw',
        taskReferenceName: 'sw',
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'kind',
        inputParameters: { kind: '${workflow.input.kind}' },
        decisionCases: { oven: [{ name: 'bake', taskReferenceName: 'bake', type: 'SIMPLE' }] },
        defaultCase: [],
      },
    ],
  } as unknown as WorkflowDef;
  await designer.openNew();
  await designer.paste(JSON.stringify(def));
  await designer.select('sw');
  const caseBox = page.getByTestId('case-value-oven');
  await caseBox.fill('stove');
  await caseBox.press('Tab');
  await expect(page.getByTestId('case-value-stove')).toBeVisible();
  await expect.poll(() => focusedLabel(page)).toBe('Remove case stove');
  await page.keyboard.press('k');
  await expect(page.getByLabel('Properties of sw')).toBeVisible();
});
