/**
 * The event handlers page and the EVENT task's "Workflows started by this event": a handler made in
 * the UI starts a workflow when an EVENT task (sink `conductor`) publishes, and the execution page
 * links the EVENT task to it. Hostile: invalid JSON and an invalid handler are refused with the
 * reason, and nothing is stored.
 */
import type { Page } from '@playwright/test';
import type { WorkflowDef } from '@baton/client';
import { expect, test, uniqueName } from './fixtures.js';
import { ExecutionsPage } from './pages/executions-page.js';

/** Replaces the handler editor's JSON, as a user pasting into Monaco would. */
async function pasteHandlerJson(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('handler-json').locator('.monaco-editor');
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

const def = (name: string, tasks: WorkflowDef['tasks']): WorkflowDef =>
  ({ name, version: 1, schemaVersion: 2, ownerEmail: 'e2e@example.com', tasks }) as WorkflowDef;

test('a handler made in the UI starts a workflow from an EVENT task, linked from the task', async ({
  page,
  api,
}) => {
  const publisher = uniqueName('ev_pub');
  const follower = uniqueName('ev_follow');
  const handlerName = uniqueName('ev_handler');
  await api.metadata.registerWorkflowDef(
    def(publisher, [
      {
        name: 'publish',
        taskReferenceName: 'publish_ref',
        type: 'EVENT',
        sink: 'conductor',
        inputParameters: { orderId: '${workflow.input.orderId}' },
      },
    ] as WorkflowDef['tasks']),
  );
  await api.metadata.registerWorkflowDef(
    def(follower, [
      { name: 'hold', taskReferenceName: 'hold_ref', type: 'WAIT' },
    ] as WorkflowDef['tasks']),
  );

  await page.goto('/workflows');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Events' })
    .click();
  await expect(page).toHaveURL(/\/events$/);
  await page.getByRole('button', { name: 'New handler' }).click();
  // The actions through the JSON editor, the name and event through the form.
  await pasteHandlerJson(
    page,
    JSON.stringify({
      name: '',
      event: '',
      actions: [
        {
          action: 'start_workflow',
          start_workflow: { name: follower, input: { orderId: '${orderId}' } },
        },
      ],
    }),
  );
  await page.getByLabel('Name', { exact: true }).fill(handlerName);
  await page.getByLabel('Event', { exact: true }).fill(`conductor:${publisher}:publish_ref`);
  // Pasted without `active`, the handler reads as inactive until the form turns it on.
  await expect(page.getByLabel('Active')).not.toBeChecked();
  await page.getByLabel('Active').check();
  await page.getByRole('button', { name: 'Save handler' }).click();

  const row = page.getByRole('row').filter({ hasText: handlerName });
  await expect(row).toContainText(`conductor:${publisher}:publish_ref`);
  await expect(row.getByRole('cell').nth(2)).toHaveText('yes');
  await expect(row.getByRole('cell').nth(3)).toHaveText('1');
  const stored = (await api.eventHandlers.list()).find((h) => h.name === handlerName);
  expect(stored).toMatchObject({
    active: true,
    event: `conductor:${publisher}:publish_ref`,
    actions: [{ action: 'start_workflow', start_workflow: { name: follower } }],
  });

  const publisherId = await api.workflows.startByName(publisher, { orderId: 'o-42' });
  const ui = new ExecutionsPage(page);
  await ui.open(publisherId);
  await ui.expectNodeStatus('publish_ref', 'COMPLETED');
  await ui.node('publish_ref').click();
  const section = page.getByLabel('Workflows started by this event');
  const link = section.getByRole('link', { name: follower });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await link.click();
  await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
  const followerId = ui.workflowId();
  expect(followerId).not.toBe(publisherId);
  const started = await api.workflows.get(followerId);
  const publisherRun = await api.workflows.get(publisherId, { includeTasks: true });
  expect(started.workflowName).toBe(follower);
  expect(started.input).toMatchObject({
    orderId: 'o-42',
    'conductor.event.messageId': publisherRun.tasks?.[0]?.taskId,
  });

  // Delete through the confirmation dialog.
  await page.goto('/events');
  await page.getByRole('button', { name: `Delete ${handlerName}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('row').filter({ hasText: handlerName })).toHaveCount(0);
  expect((await api.eventHandlers.list()).some((h) => h.name === handlerName)).toBe(false);
});

test('hostile: invalid JSON and an invalid handler show the error and store nothing', async ({
  page,
  api,
}) => {
  const name = uniqueName('ev_bad');
  await page.goto('/events');
  await page.getByRole('button', { name: 'New handler' }).click();

  await pasteHandlerJson(page, `{"name": "${name}", "event": "conductor:x:y", `);
  await page.getByRole('button', { name: 'Save handler' }).click();
  await expect(page.getByTestId('handler-errors')).toContainText('Invalid JSON');
  await expect(page.getByLabel('Name', { exact: true })).toBeDisabled();

  // Valid JSON, but no actions: the server's validation error names the field.
  await pasteHandlerJson(page, JSON.stringify({ name, event: 'conductor:x:y', actions: [] }));
  await page.getByRole('button', { name: 'Save handler' }).click();
  await expect(page.getByTestId('handler-errors')).toContainText('eventHandler.actions');
  await expect(page.getByTestId('handler-errors')).toContainText('No actions specified');

  expect((await api.eventHandlers.list()).some((h) => h.name === name)).toBe(false);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
});
