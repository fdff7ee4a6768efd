/**
 * The canvas view (issue 16, items 13 and 14): text on nodes is readable at the opening zoom, and
 * the minimap neither hides the selected node nor stays in the way (it folds away).
 */
import type { Locator } from '@playwright/test';
import type { WorkflowDef } from '@baton/engine';
import { expect, test, uniqueName } from './fixtures.js';

/** A workflow of `count` SIMPLE tasks in a row: `step_1` … `step_<count>`. */
function chain(name: string, count: number): WorkflowDef {
  return {
    name,
    version: 1,
    schemaVersion: 2,
    tasks: Array.from({ length: count }, (_, i) => ({
      name: `step_${i + 1}`,
      taskReferenceName: `step_${i + 1}`,
      type: 'SIMPLE',
    })),
  } as WorkflowDef;
}

/** The size in screen pixels a text element is drawn at: its font size times the canvas zoom. */
async function screenFontPx(el: Locator): Promise<number> {
  return el.evaluate((node) => {
    const viewport = node.closest<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return parseFloat(getComputedStyle(node).fontSize) * zoom;
  });
}

test.use({ viewport: { width: 1280, height: 720 } });

test('an 11-task workflow opens with node text readable (name ≥ 11 px, details ≥ 9 px on screen)', async ({
  api,
  designer,
  page,
}) => {
  const name = uniqueName('eleven_tasks');
  await api.metadata.registerWorkflowDef(chain(name, 11));
  await designer.open(name);
  const first = designer.node('step_1');
  await expect(first).toBeVisible();
  expect(await screenFontPx(first.locator('.task-node-name'))).toBeGreaterThanOrEqual(11);
  expect(await screenFontPx(first.locator('.task-node-ref'))).toBeGreaterThanOrEqual(9);
  expect(await screenFontPx(first.locator('.task-node-type'))).toBeGreaterThanOrEqual(9);
  // The opening view starts at the top of the flow: the first task is fully on screen.
  const box = (await first.boundingBox())!;
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(canvas.y);
  expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height);
});

test('an execution of an 11-task workflow opens with node text readable', async ({ api, page }) => {
  const name = uniqueName('eleven_run');
  await api.metadata.registerWorkflowDef(chain(name, 11));
  const id = await api.workflows.start({ name, input: {} });
  await page.goto(`/executions/${id}`);
  const first = page.getByTestId('exec-node-step_1');
  await expect(first).toBeVisible();
  expect(await screenFontPx(first.locator('.task-node-name'))).toBeGreaterThanOrEqual(11);
  expect(await screenFontPx(first.locator('.exec-node-status'))).toBeGreaterThanOrEqual(9);
  await expect(first).toBeInViewport();
});
