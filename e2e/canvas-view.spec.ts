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

/** A fork of three four-task branches (`a_*`, `b_*`, `c_*`): the right branch runs down the side. */
function threeBranches(name: string): WorkflowDef {
  const branch = (p: string) =>
    [1, 2, 3, 4].map((i) => ({
      name: `${p}_${i}`,
      taskReferenceName: `${p}_${i}`,
      type: 'SIMPLE',
    }));
  return {
    name,
    version: 1,
    schemaVersion: 2,
    tasks: [
      {
        name: 'fork',
        taskReferenceName: 'fork',
        type: 'FORK_JOIN',
        forkTasks: [branch('a'), branch('b'), branch('c')],
      },
      { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn: ['a_4', 'b_4', 'c_4'] },
      { name: 'after', taskReferenceName: 'after', type: 'SIMPLE' },
    ],
  } as WorkflowDef;
}

const overlaps = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the minimap never covers the selected node (the one just added included) and folds away', async ({
  api,
  designer,
  page,
}) => {
  const name = uniqueName('minimap');
  await api.metadata.registerWorkflowDef(threeBranches(name));
  await designer.open(name);
  const minimap = page.locator('.react-flow__minimap');
  await expect(minimap).toBeVisible();

  for (const ref of ['c_2', 'c_3', 'c_4']) {
    await designer.node(ref).click({ position: { x: 40, y: 24 } });
    await expect(page.getByLabel(`Properties of ${ref}`)).toBeVisible();
    await page.waitForTimeout(250); // the pan's animation
    const map = (await minimap.boundingBox())!;
    expect(overlaps((await designer.node(ref).boundingBox())!, map), ref).toBe(false);
  }
  await designer.addAfterSelection('simple');
  const added = page.locator('.task-node.is-selected');
  await expect(added).toHaveCount(1);
  await page.waitForTimeout(250);
  expect(overlaps((await added.boundingBox())!, (await minimap.boundingBox())!), 'added').toBe(
    false,
  );

  // Folds away, stays folded after a reload, and comes back.
  await page.getByRole('button', { name: 'Hide minimap' }).click();
  await expect(minimap).toHaveCount(0);
  await designer.open(name);
  await expect(page.getByRole('button', { name: 'Show minimap' })).toBeVisible();
  await expect(minimap).toHaveCount(0);
  await page.getByRole('button', { name: 'Show minimap' }).click();
  await expect(minimap).toBeVisible();
});

test('the execution view’s minimap folds away too, and stays folded', async ({ api, page }) => {
  const name = uniqueName('exec_minimap');
  await api.metadata.registerWorkflowDef(chain(name, 11));
  const id = await api.workflows.start({ name, input: {} });
  await page.goto(`/executions/${id}`);
  const minimap = page.locator('.react-flow__minimap');
  await expect(minimap).toBeVisible();
  await page.getByRole('button', { name: 'Hide minimap' }).click();
  await expect(minimap).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show minimap' })).toBeVisible();
  await expect(minimap).toHaveCount(0);
  await page.getByRole('button', { name: 'Show minimap' }).click();
  await expect(minimap).toBeVisible();
});

/** Relative luminance (WCAG) of an `rgb()`/`rgba()` colour drawn over `under`. */
function luminanceOver(color: string, under: number[] = [0, 0, 0]): number {
  const [r, g, b, a = 1] = color.match(/[\d.]+/g)!.map(Number);
  const mixed = [r!, g!, b!].map((c, i) => (c * a + under[i]! * (1 - a)) / 255);
  const lin = mixed.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

for (const colorScheme of ['light', 'dark'] as const)
  test(`the minimap shows the part in view lighter than the rest (${colorScheme})`, async ({
    designer,
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await designer.openNew();
    await designer.paste(JSON.stringify(chain(uniqueName('mm_theme'), 11)));
    const minimap = page.locator('.react-flow__minimap');
    await expect(minimap).toBeVisible();
    const { background, mask } = await minimap.evaluate((el) => ({
      background: getComputedStyle(el).backgroundColor,
      mask: getComputedStyle(el.querySelector('.react-flow__minimap-mask')!).fill,
    }));
    const bg = background
      .match(/[\d.]+/g)!
      .map(Number)
      .slice(0, 3);
    // In view: the minimap's own background; around it: the mask drawn over that background.
    expect(luminanceOver(background)).toBeGreaterThan(luminanceOver(mask, bg));
  });
