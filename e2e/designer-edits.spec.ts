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
