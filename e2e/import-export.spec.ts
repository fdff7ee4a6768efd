import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
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

/** Exports the canvas in `format` from the Export menu and returns the file's bytes. */
async function exportImage(page: Page, item: 'PNG image' | 'SVG image'): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `frozen_burrito_v1.${item === 'PNG image' ? 'png' : 'svg'}`,
  );
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`image export (${colorScheme})`, () => {
    test.use({ colorScheme });

    test('exports the canvas as vector SVG and a PNG of the same drawing', async ({
      designer,
      page,
    }, testInfo) => {
      await designer.openNew();
      await designer.paste(JSON.stringify(example('frozen-burrito.json')));
      await expect(designer.node('choose_oven')).toBeVisible();
      const edgesOnCanvas = await page.locator('.react-flow__edge').count();
      expect(edgesOnCanvas).toBeGreaterThan(5);

      const svg = (await exportImage(page, 'SVG image')).toString('utf8');
      writeFileSync(testInfo.outputPath(`canvas-${colorScheme}.svg`), svg); // kept to look at
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const edges = Array.from(doc.querySelectorAll('path.edge'));
        return {
          errors: doc.getElementsByTagName('parsererror').length,
          foreignObjects: doc.getElementsByTagName('foreignObject').length,
          paths: doc.getElementsByTagName('path').length,
          edges: edges.map((p) => ({ d: p.getAttribute('d') ?? '', fill: p.getAttribute('fill') })),
          texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent),
          width: Number(doc.documentElement.getAttribute('width')),
          height: Number(doc.documentElement.getAttribute('height')),
        };
      }, svg);
      expect(parsed.errors).toBe(0);
      expect(parsed.foreignObjects).toBe(0);
      // One path per edge on the canvas, and no other paths.
      expect(parsed.edges).toHaveLength(edgesOnCanvas);
      expect(parsed.paths).toBe(edgesOnCanvas);
      // Straight and bent edges are both there, both drawn as lines (never filled shapes).
      const bent = parsed.edges.filter((e) => e.d.includes('Q'));
      const straight = parsed.edges.filter((e) => !e.d.includes('Q'));
      expect(bent.length).toBeGreaterThan(0);
      expect(straight.length).toBeGreaterThan(0);
      for (const e of parsed.edges) expect(e.fill).toBe('none');
      expect(parsed.texts).toEqual(expect.arrayContaining(['choose_oven', '▶ Start', '■ End']));

      // The PNG is that drawing rasterised at twice its size.
      const png = await exportImage(page, 'PNG image');
      writeFileSync(testInfo.outputPath(`canvas-${colorScheme}.png`), png);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(parsed.width * 2);
      expect(png.readUInt32BE(20)).toBe(parsed.height * 2);
    });
  });
}
