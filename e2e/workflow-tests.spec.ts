import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, uniqueName } from './fixtures.js';

const burrito = () =>
  JSON.parse(
    readFileSync(new URL('../examples/frozen-burrito.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

test("builds the burrito's test cases until coverage shows no unreached case", async ({
  api,
  designer,
  page,
}) => {
  test.setTimeout(120_000);
  const name = uniqueName('burrito_tests');
  await api.metadata.registerWorkflowDef({ ...burrito(), name } as never);
  await designer.open(name);
  await page.getByRole('tab', { name: 'Test' }).click();
  const panel = page.getByTestId('tests-panel');
  // First case: no input, every worker task mocked as completed → the microwave (default case).
  await panel.getByRole('button', { name: 'New test case' }).click();
  await panel.getByRole('button', { name: 'Run case 1' }).click();
  await expect(panel.getByTestId('test-result')).toContainText('Completed');
  await expect(page.getByTestId('run-status-zap_second_side')).toContainText('Completed');
  await expect(page.getByTestId('run-status-bake')).toContainText('Not scheduled');
  await panel.getByRole('button', { name: 'Expect this run' }).click();
  await expect(panel.getByTestId('test-expect-ran')).toHaveValue(/zap_first_side/);

  // Coverage after running every case: the oven case is unreached, and marked on the canvas.
  await panel.getByRole('button', { name: 'Run all tests' }).click();
  await expect(panel.getByTestId('tests-summary')).toHaveText('1 of 1 passed.');
  await expect(panel.getByTestId('coverage-gaps')).toContainText('choose_oven: case "oven"');
  await expect(page.getByTestId('gap-choose_oven')).toContainText('case "oven"');

  // Second case: the oven, with a bake that fails once and then succeeds (a retry).
  await panel.getByRole('button', { name: 'New test case' }).click();
  await panel.getByTestId('test-name').fill('oven');
  await panel.getByTestId('test-name').press('Tab');
  await panel.getByTestId('test-input').fill('{"ovenType": "oven"}');
  await panel.getByTestId('test-input').press('Tab');
  // The bake fails once and then succeeds, through the JSON view this time (the form is below).
  await panel.getByRole('button', { name: 'Edit as JSON' }).click();
  const mocks = JSON.parse(await panel.getByTestId('test-mocks').inputValue()) as Record<
    string,
    unknown[]
  >;
  mocks['bake'] = [{ status: 'FAILED' }, { status: 'COMPLETED', output: { burrito: 'hot' } }];
  await panel.getByTestId('test-mocks').fill(JSON.stringify(mocks));
  await panel.getByTestId('test-mocks').press('Tab');
  await panel.getByRole('button', { name: 'Edit as JSON' }).click();
  await expect(panel.getByLabel('bake attempt 1 status')).toHaveValue('FAILED');
  await expect(panel.getByLabel('bake attempt 2 output')).toHaveValue('{"burrito":"hot"}');
  await panel.getByTestId('test-expect-output').fill('{"heatedWith": "oven"}');
  await panel.getByTestId('test-expect-output').press('Tab');
  await panel.getByTestId('test-expect-not-ran').fill('zap_first_side');
  await panel.getByTestId('test-expect-not-ran').press('Tab');
  await panel.getByRole('button', { name: 'Run oven' }).click();
  await expect(page.getByTestId('run-status-flip_oven')).toContainText('Completed');

  await panel.getByRole('button', { name: 'Run all tests' }).click();
  await expect(panel.getByTestId('tests-summary')).toHaveText('2 of 2 passed.');
  await expect(panel.getByTestId('coverage-complete')).toBeVisible();
  await expect(page.getByTestId('gap-choose_oven')).toHaveCount(0);
  // Nothing of those runs is left on the server: each is removed once read.
  const testRuns = async () =>
    (await api.workflows.search({ query: `workflowType = '${name}' AND test = true` })).totalHits;
  await expect.poll(testRuns).toBe(0);

  // Saved with the workflow.
  await panel.getByRole('button', { name: 'Save tests' }).click();
  await expect(page.getByRole('status')).toContainText('Saved 2 test cases');
  const saved = await api.metadata.getWorkflowTests(name);
  expect(saved.map((c) => c.name)).toEqual(['case 1', 'oven']);
  expect(saved[1]?.expect).toMatchObject({
    output: { heatedWith: 'oven' },
    tasksNotRan: ['zap_first_side'],
  });

  // Saving an edit runs every test against it first.
  await designer.setWorkflowField('Description', 'Heated with tests');
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save workflow' });
  await expect(dialog.getByTestId('save-tests')).toContainText('all 2 pass');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  // The dialog's runs are removed too; they ran the edited definition, so the results are fresh.
  await expect.poll(testRuns).toBe(0);
  await page.getByRole('tab', { name: 'Test' }).click();
  await expect(panel.getByTestId('test-state-oven')).toHaveText('passed');
  await expect(panel.getByTestId('coverage-stale')).toHaveCount(0);

  // Reloading brings the cases back from the server.
  await designer.open(name);
  await page.getByRole('tab', { name: 'Test' }).click();
  await expect(panel.getByTestId('tests-summary')).toContainText('2 test cases, not run yet.');
  // The stored mocks are shown in the definition's order, whatever order the store keeps.
  await panel.getByRole('button', { name: 'oven', exact: true }).click();
  await expect(panel.locator('.mock-task legend')).toHaveText([
    'unwrap_burrito',
    'bake',
    'flip_oven',
    'zap_first_side',
    'flip_microwave',
    'zap_second_side',
    'serve_burrito',
  ]);
});

test('a test case that no longer holds fails, naming what differs', async ({
  api,
  designer,
  page,
}) => {
  const name = uniqueName('burrito_fail');
  await api.metadata.registerWorkflowDef({ ...burrito(), name } as never);
  await api.metadata.saveWorkflowTests(name, [
    { name: 'wrong', input: {}, expect: { status: 'COMPLETED', output: { heatedWith: 'oven' } } },
  ]);
  await designer.open(name);
  await page.getByRole('tab', { name: 'Test' }).click();
  const panel = page.getByTestId('tests-panel');
  await panel.getByRole('button', { name: 'Run wrong' }).click();
  // No mocks: the run stops at the first worker task, still running.
  await expect(panel.getByTestId('test-result')).toContainText(
    'status is RUNNING, expected COMPLETED',
  );
  await expect(panel.getByTestId('test-state-wrong')).toHaveText('failed');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Test tab, a played run and coverage marks have no serious axe violation (${colorScheme})`, async ({
    api,
    designer,
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    const name = uniqueName('burrito_axe');
    await api.metadata.registerWorkflowDef({ ...burrito(), name } as never);
    await api.metadata.saveWorkflowTests(name, [
      { name: 'microwave', input: {}, expect: { status: 'COMPLETED' } },
    ]);
    await designer.open(name);
    await page.getByRole('tab', { name: 'Test' }).click();
    const panel = page.getByTestId('tests-panel');
    await panel.getByRole('button', { name: 'Run all tests' }).click();
    await expect(page.getByTestId('gap-choose_oven')).toBeVisible();
    await panel.getByRole('button', { name: 'microwave', exact: true }).click();
    await panel.getByRole('button', { name: 'Run microwave' }).click();
    await expect(page.getByTestId('run-status-unwrap_burrito')).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });
}

test('test cases travel as a <name>.tests.json sidecar beside the unchanged definition', async ({
  api,
  designer,
  page,
}) => {
  const name = uniqueName('burrito_files');
  const def = { ...burrito(), name };
  await api.metadata.registerWorkflowDef(def as never);
  await designer.open(name);
  const sidecar = {
    workflow: name,
    testCases: [{ name: 'from file', input: { ovenType: 'oven' } }],
  };
  await designer.importFile(`${name}.tests.json`, JSON.stringify(sidecar));
  await expect(page.getByTestId('tests-panel')).toContainText('from file');
  // A hostile sidecar is refused with the reason, and changes nothing.
  await designer.importFile('bad.tests.json', '{"testCases":[{"name":"a"},{"name":"a"}]}');
  await expect(page.getByRole('status')).toContainText('testCases[1].name repeats a');

  await page.getByRole('button', { name: 'Export' }).click();
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const [first] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'JSON file' }).click(),
  ]);
  const chunks: Buffer[] = [];
  for await (const c of await first.createReadStream()) chunks.push(c as Buffer);
  const exported = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  expect(exported['name']).toBe(name);
  expect(exported).not.toHaveProperty('testCases');
  await expect.poll(() => downloads).toContain(`${name}.tests.json`);
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 1600, height: 1000 },
]) {
  test(`mocked attempts are added, set and reordered by keyboard, and the case passes (${size.width}×${size.height})`, async ({
    api,
    designer,
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    const name = uniqueName('burrito_form');
    await api.metadata.registerWorkflowDef({ ...burrito(), name } as never);
    await api.metadata.saveWorkflowTests(name, [
      {
        name: 'oven',
        input: { ovenType: 'oven' },
        taskRefToMockOutput: {},
        expect: { status: 'COMPLETED', output: { heatedWith: 'oven' }, tasksRan: ['bake'] },
      },
    ]);
    await designer.open(name);
    await page.getByRole('tab', { name: 'Test' }).click();
    const panel = page.getByTestId('tests-panel');
    await panel.getByRole('button', { name: 'oven', exact: true }).click();
    await expect(panel.getByTestId('mocks-editor')).toContainText('No task is mocked');

    // Each task the oven path runs: pick it by typing its name, Tab to "Mock task", Enter.
    const pick = panel.getByLabel('Task to mock');
    for (const ref of ['unwrap_burrito', 'bake', 'flip_oven', 'serve_burrito']) {
      await pick.focus();
      await page.keyboard.type(ref);
      await expect(pick).toHaveValue(ref);
      await page.keyboard.press('Tab');
      await expect(panel.getByRole('button', { name: 'Mock task' })).toBeFocused();
      await page.keyboard.press('Enter');
      // Focus lands on the new attempt's status.
      await expect(panel.getByLabel(`${ref} attempt 1 status`)).toBeFocused();
      if (ref !== 'bake') continue;

      // The bake: attempt 1 fails, a second attempt (the retry) completes with an output.
      await page.keyboard.type('F');
      await expect(panel.getByLabel('bake attempt 1 status')).toHaveValue('FAILED');
      const add = panel.getByRole('button', { name: 'Add an attempt to bake' });
      await add.focus();
      await page.keyboard.press('Enter');
      const second = panel.getByLabel('bake attempt 2 status');
      await expect(second).toBeFocused();
      await expect(second).toHaveValue('COMPLETED');
      // Reordered and back, by keyboard: focus follows the moved attempt.
      await panel.getByRole('button', { name: 'Move bake attempt 2 up' }).focus();
      await page.keyboard.press('Enter');
      await expect(panel.getByLabel('bake attempt 1 status')).toHaveValue('COMPLETED');
      await expect(panel.getByRole('button', { name: 'Move bake attempt 1 down' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(panel.getByLabel('bake attempt 1 status')).toHaveValue('FAILED');
      await expect(panel.getByLabel('bake attempt 2 status')).toHaveValue('COMPLETED');
      // A bad output is refused, naming the field; a good one is kept.
      const output = panel.getByLabel('bake attempt 2 output');
      await output.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('{"burrito": ');
      await page.keyboard.press('Tab');
      await expect(panel.getByRole('alert')).toContainText('bake, attempt 2, output:');
      await output.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('{"burrito": "hot"}');
      await page.keyboard.press('Tab');
      await expect(panel.getByRole('alert')).toHaveCount(0);
    }
    await expect(panel.getByLabel('Task to mock')).toHaveCount(1);

    // The JSON view shows the same mocks, and refuses a bad status naming the field.
    await panel.getByRole('button', { name: 'Edit as JSON' }).press('Enter');
    const json = panel.getByTestId('test-mocks');
    const mocks = JSON.parse(await json.inputValue()) as Record<string, unknown>;
    expect(Object.keys(mocks)).toEqual(['unwrap_burrito', 'bake', 'flip_oven', 'serve_burrito']);
    expect(mocks['bake']).toEqual([
      { status: 'FAILED', output: {} },
      { status: 'COMPLETED', output: { burrito: 'hot' } },
    ]);
    await json.fill(JSON.stringify({ ...mocks, bake: [{ status: 'DONE' }] }));
    await json.press('Tab');
    await expect(panel.getByRole('alert')).toContainText('bake[0].status');
    await json.fill(JSON.stringify(mocks));
    await json.press('Tab');
    await panel.getByRole('button', { name: 'Edit as JSON' }).press('Enter');

    await panel.getByRole('button', { name: 'Run all tests' }).press('Enter');
    await expect(panel.getByTestId('tests-summary')).toHaveText('1 of 1 passed.');
    await expect(panel.getByTestId('test-state-oven')).toHaveText('passed');
    await panel.getByRole('button', { name: 'Run oven' }).press('Enter');
    await expect(page.getByTestId('run-status-flip_oven')).toContainText('Completed');
    await expect
      .poll(
        async () =>
          (await api.workflows.search({ query: `workflowType = '${name}' AND test = true` }))
            .totalHits,
      )
      .toBe(0);

    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    await panel.getByTestId('mock-bake').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/designer-tests-form-${size.width}.png` });

    // An edit of the definition marks the result and the coverage stale.
    await designer.setWorkflowField('Description', 'edited after the run');
    await page.getByRole('tab', { name: 'Test' }).click();
    await expect(panel.getByTestId('test-state-oven')).toHaveText('passed, stale');
    await expect(panel.getByTestId('coverage-stale')).toBeVisible();
  });
}
