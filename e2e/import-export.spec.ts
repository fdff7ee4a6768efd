import { readFileSync } from 'node:fs';
import { expect, test, uniqueName } from './fixtures.js';

const example = (file: string) =>
  JSON.parse(readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

/** The order example with fields no schema knows, at the top and inside a nested task. */
function withUnknownFields(): Record<string, unknown> {
  const def = structuredClone(example('order-fulfilment.json'));
  def['x-team'] = { owner: 'fulfilment', tags: ['a', 'b'] };
  const tasks = def.tasks as Record<string, unknown>[];
  tasks[0]!['x-note'] = 'kept through the round trip';
  return def;
}

test('imports a workflow file and exports it back unchanged, unknown fields included', async ({
  designer,
}) => {
  await designer.openNew();
  const original = withUnknownFields();
  await designer.importFile('order.json', JSON.stringify(original));
  await expect(designer.node('reserve_items')).toBeVisible();
  const exported = JSON.parse(await designer.exportJson()) as unknown;
  expect(exported).toEqual(original);
});

test('imports by dropping a file and by pasting JSON', async ({ designer, page }) => {
  await designer.openNew();
  await designer.dropFile('pbj.json', JSON.stringify(example('pbj-v2.json')));
  await expect(page.getByTestId('designer-name')).toHaveText(String(example('pbj-v2.json').name));
  const burrito = example('frozen-burrito.json');
  await designer.paste(JSON.stringify(burrito));
  await expect(designer.node('choose_oven')).toBeVisible();
  expect(JSON.parse(await designer.exportJson())).toEqual(burrito);
});

test('round-trips through the server: import, save, reload, export', async ({
  designer,
  page,
  api,
}) => {
  await designer.openNew();
  const original = { ...withUnknownFields(), name: uniqueName('order_roundtrip') };
  await designer.importFile('order.json', JSON.stringify(original));
  await designer.save();
  await expect(page).toHaveURL(/\/workflows\/order_roundtrip_\w+\/1$/);
  await page.reload();
  await expect(designer.node('reserve_items')).toBeVisible();
  const stored = (await api.metadata.getWorkflowDef(String(original.name), 1)) as Record<
    string,
    unknown
  >;
  expect(stored).toMatchObject(original);
});

test('exports the canvas as PNG and SVG images', async ({ designer, page }) => {
  await designer.openNew();
  await designer.paste(JSON.stringify(example('frozen-burrito.json')));
  await expect(designer.node('choose_oven')).toBeVisible();
  for (const [item, ext] of [
    ['PNG image', 'png'],
    ['SVG image', 'svg'],
  ] as const) {
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: item }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`frozen_burrito_v1.${ext}`);
  }
});
