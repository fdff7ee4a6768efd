/**
 * /taskdefs: list, search, create and edit (form and JSON), server validation errors beside the
 * field, delete with a confirmation; and the designer's retry/timeout placeholders, which show the
 * registered TaskDef's values.
 */
import type { Page } from '@playwright/test';
import { isBatonApiError, type BatonClient, type WorkflowDef } from '@baton/client';
import { expect, test, uniqueName } from './fixtures.js';

/** Resolves to the HTTP status of reading a task definition (200 when it is registered). */
async function taskDefStatus(api: BatonClient, name: string): Promise<number> {
  try {
    await api.metadata.getTaskDef(name);
    return 200;
  } catch (e) {
    if (isBatonApiError(e)) return e.status;
    throw e;
  }
}

/** Replaces the task definition JSON, as a user pasting into Monaco would. */
async function pasteJson(page: Page, text: string) {
  const editor = page.locator('.taskdef-json .monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  }, text);
}

test('lists and searches the registered task definitions, reached from the top bar', async ({
  page,
  api,
}) => {
  const prefix = uniqueName('tdlist');
  await api.metadata.registerTaskDefs([
    {
      name: `${prefix}_charge`,
      retryCount: 5,
      timeoutSeconds: 600,
      responseTimeoutSeconds: 120,
      timeoutPolicy: 'RETRY',
      ownerEmail: 'payments@example.com',
    },
    { name: `${prefix}_ship`, ownerEmail: 'logistics@example.com' },
  ]);
  await page.goto('/workflows');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Task definitions' })
    .click();
  await expect(page).toHaveURL(/\/taskdefs$/);

  await page.getByLabel('Search task definitions').fill(prefix);
  const charge = page.getByTestId(`taskdef-row-${prefix}_charge`);
  await expect(charge.locator('td')).toHaveText([
    `${prefix}_charge`,
    '5',
    '600',
    '120',
    'RETRY',
    'payments@example.com',
    /Edit/,
  ]);
  // Absent fields show Conductor's defaults.
  await expect(page.getByTestId(`taskdef-row-${prefix}_ship`).locator('td')).toHaveText([
    `${prefix}_ship`,
    '3',
    '0',
    '3600',
    'TIME_OUT_WF',
    'logistics@example.com',
    /Edit/,
  ]);

  await page.getByLabel('Search task definitions').fill('logistics@');
  await expect(page.getByTestId(`taskdef-row-${prefix}_ship`)).toBeVisible();
  await expect(charge).toHaveCount(0);
  await page.getByLabel('Search task definitions').fill(`${prefix}_nothing`);
  await expect(page.getByText('No task definition matches.')).toBeVisible();
});

test('creates a task definition in the form and edits it in the JSON', async ({ page, api }) => {
  const name = uniqueName('tdcreate');
  await page.goto('/taskdefs');
  await page.getByRole('button', { name: 'New task definition' }).click();
  const editor = page.getByRole('region', { name: 'Task definition editor' });
  await editor.getByLabel('Name', { exact: true }).fill(name);
  await editor.getByLabel('Retry count', { exact: true }).fill('2');
  await editor.getByLabel('Timeout (s)', { exact: true }).fill('300');
  await editor.getByLabel('Response timeout (s)', { exact: true }).fill('100');
  await editor.getByLabel('Timeout policy').selectOption('ALERT_ONLY');
  await editor.getByLabel('Owner email').fill('team@example.com');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId(`taskdef-row-${name}`).locator('td').nth(1)).toHaveText('2');
  expect(await api.metadata.getTaskDef(name)).toMatchObject({
    name,
    retryCount: 2,
    timeoutSeconds: 300,
    responseTimeoutSeconds: 100,
    timeoutPolicy: 'ALERT_ONLY',
    ownerEmail: 'team@example.com',
  });

  // Edit: the JSON and the form are one draft.
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  await expect(editor.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expect(editor.getByLabel('Name', { exact: true })).not.toBeEditable();
  await pasteJson(
    page,
    JSON.stringify({ name, retryCount: 9, timeoutSeconds: 300, responseTimeoutSeconds: 100 }),
  );
  await expect(editor.getByLabel('Retry count', { exact: true })).toHaveValue('9');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toHaveCount(0);
  await expect.poll(async () => (await api.metadata.getTaskDef(name)).retryCount).toBe(9);
  expect((await api.metadata.getTaskDef(name)).timeoutPolicy).toBeUndefined();
});

test("shows the server's validation errors next to the field and stores nothing", async ({
  page,
  api,
}) => {
  const name = uniqueName('tdbad');
  await page.goto('/taskdefs');
  await page.getByRole('button', { name: 'New task definition' }).click();
  const editor = page.getByRole('region', { name: 'Task definition editor' });
  await editor.getByLabel('Name', { exact: true }).fill(name);
  await editor.getByLabel('Retry count', { exact: true }).fill('-1');
  // 60 s timeout with the default 3600 s response timeout: the server names responseTimeoutSeconds.
  await editor.getByLabel('Timeout (s)', { exact: true }).fill('60');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByTestId('taskdef-error-retryCount')).toContainText('must be >= 0');
  await expect(editor.getByTestId('taskdef-error-responseTimeoutSeconds')).toContainText(
    'must be less than timeoutSeconds: 60',
  );
  await expect(editor.getByLabel('Retry count', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(editor).toBeVisible();
  expect(await taskDefStatus(api, name)).toBe(404);

  // Broken JSON cannot be saved, and the last valid draft is kept in the form.
  await pasteJson(page, '{"name": ');
  await expect(editor.getByText(/^JSON:/)).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(editor.getByLabel('Name', { exact: true })).toHaveValue(name);

  // An invalid edit leaves the stored definition as it was.
  await api.metadata.registerTaskDefs([{ name, retryCount: 4 }]);
  await page.goto('/taskdefs');
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  await editor.getByLabel('Retry logic').selectOption('LINEAR_BACKOFF');
  await editor.getByLabel('Retry count', { exact: true }).fill('-3');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByTestId('taskdef-error-retryCount')).toBeVisible();
  expect(await api.metadata.getTaskDef(name)).toMatchObject({ name, retryCount: 4 });
  expect((await api.metadata.getTaskDef(name)).retryLogic).toBeUndefined();
});

test('deletes a task definition only once the dialog is confirmed', async ({ page, api }) => {
  // A name with a slash, a space and a percent sign must reach the server as one path segment.
  const name = `${uniqueName('tddel')} a/b%2F`;
  await api.metadata.registerTaskDefs([{ name }]);
  await page.goto('/taskdefs');
  await page.getByLabel('Search task definitions').fill(name);
  await page.getByRole('button', { name: `Delete ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await taskDefStatus(api, name)).toBe(200);

  await page.getByRole('button', { name: `Delete ${name}` }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId(`taskdef-row-${name}`)).toHaveCount(0);
  expect(await taskDefStatus(api, name)).toBe(404);
});

test("the designer's retry and timeout placeholders show the registered TaskDef, else Conductor's defaults", async ({
  page,
  api,
  designer,
}) => {
  const registered = uniqueName('tdreg');
  const unregistered = uniqueName('tdnone');
  await api.metadata.registerTaskDefs([
    {
      name: registered,
      retryCount: 7,
      retryDelaySeconds: 15,
      timeoutSeconds: 900,
      responseTimeoutSeconds: 300,
      timeoutPolicy: 'RETRY',
    },
    { name: unregistered },
  ]);
  const wf: WorkflowDef = {
    name: uniqueName('tdwf'),
    version: 1,
    schemaVersion: 2,
    tasks: [
      { name: registered, taskReferenceName: 'with_def', type: 'SIMPLE', inputParameters: {} },
      { name: unregistered, taskReferenceName: 'no_def', type: 'SIMPLE', inputParameters: {} },
    ],
  } as WorkflowDef;
  await api.metadata.registerWorkflowDef(wf);
  await api.metadata.deleteTaskDef(unregistered);

  await designer.open(wf.name);
  await designer.select('with_def');
  const panel = page.getByLabel('Properties of with_def');
  await expect(panel.getByLabel('Retry count', { exact: true })).toHaveAttribute(
    'placeholder',
    '7',
  );
  await expect(panel.getByLabel('Retry delay (s)')).toHaveAttribute('placeholder', '15');
  await expect(panel.getByLabel('Timeout (s)', { exact: true })).toHaveAttribute(
    'placeholder',
    '900',
  );
  await expect(panel.getByLabel('Response timeout (s)')).toHaveAttribute('placeholder', '300');
  await expect(panel.getByLabel('Timeout policy')).toContainText('RETRY (registered)');

  await designer.select('no_def');
  const other = page.getByLabel('Properties of no_def');
  await expect(other.getByLabel('Retry count', { exact: true })).toHaveAttribute(
    'placeholder',
    '3',
  );
  await expect(other.getByLabel('Retry delay (s)')).toHaveAttribute('placeholder', '60');
  await expect(other.getByLabel('Timeout (s)', { exact: true })).toHaveAttribute(
    'placeholder',
    '0 = none',
  );
  await expect(other.getByLabel('Response timeout (s)')).toHaveAttribute('placeholder', '3600');
  await expect(other.getByLabel('Timeout policy')).toContainText('TIME_OUT_WF (default)');
});

test('the designer looks up the TaskDef of worker and system tasks, never of control-flow ones', async ({
  page,
  api,
  designer,
}) => {
  const httpName = uniqueName('tdhttp');
  const switchName = uniqueName('tdswitch');
  await api.metadata.registerTaskDefs([{ name: httpName, retryCount: 5 }]);
  const wf = {
    name: uniqueName('tdflow'),
    version: 1,
    schemaVersion: 2,
    tasks: [
      {
        name: httpName,
        taskReferenceName: 'call',
        type: 'HTTP',
        inputParameters: { http_request: { uri: 'http://127.0.0.1:9/x', method: 'GET' } },
      },
      {
        name: switchName,
        taskReferenceName: 'route',
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'x',
        inputParameters: { x: 'a' },
        decisionCases: { a: [{ name: 'noop_a', taskReferenceName: 'noop_a', type: 'NOOP' }] },
        defaultCase: [],
      },
    ],
  } as WorkflowDef;
  await api.metadata.registerWorkflowDef(wf);
  const asked: string[] = [];
  page.on('request', (r) => {
    const m = /\/api\/metadata\/taskdefs\/([^/?]+)/.exec(r.url());
    if (m) asked.push(decodeURIComponent(m[1]!));
  });

  await designer.open(wf.name);
  await designer.select('call');
  await expect(
    page.getByLabel('Properties of call').getByLabel('Retry count', { exact: true }),
  ).toHaveAttribute('placeholder', '5');
  await designer.select('route');
  await expect(
    page.getByLabel('Properties of route').getByText(/never uses a registered task definition/),
  ).toBeVisible();
  expect(asked).toContain(httpName);
  expect(asked).not.toContain(switchName);
});
