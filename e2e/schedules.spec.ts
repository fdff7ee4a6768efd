/**
 * The schedules page: a schedule made in the UI (form + JSON) shows its next due times in its zone
 * before saving, starts its workflow every second once saved (the start listed under "Recent
 * starts", linked to the execution), pauses and resumes, and is deleted through the dialog.
 * Hostile: a bad cron expression and an unknown workflow are refused with the field named, and
 * nothing is stored. Keyboard only: the form is reachable and submits with Enter.
 */
import type { WorkflowDef } from '@baton/client';
import { expect, test, uniqueName } from './fixtures.js';

const def = (name: string): WorkflowDef =>
  ({
    name,
    version: 1,
    schemaVersion: 2,
    ownerEmail: 'e2e@example.com',
    tasks: [{ name: 'hold', taskReferenceName: 'hold_ref', type: 'WAIT' }],
  }) as WorkflowDef;

test('a schedule made in the UI previews its due times, starts its workflow, pauses, resumes and is deleted', async ({
  page,
  api,
}) => {
  const workflow = uniqueName('sched_wf');
  const name = uniqueName('every_second');
  await api.metadata.registerWorkflowDef(def(workflow));

  await page.goto('/workflows');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Schedules' })
    .click();
  await expect(page).toHaveURL(/\/schedules$/);
  await page.getByRole('button', { name: 'New schedule' }).click();

  // The default weekday 09:00 preview, then another zone: the wall clock stays at 09:00.
  await expect(page.getByTestId('next-times').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByTestId('next-times').getByRole('listitem').first()).toContainText(
    '09:00:00',
  );
  await page.getByLabel('Time zone').fill('Asia/Tokyo');
  await expect(page.getByText('Next due times (Asia/Tokyo)')).toBeVisible();
  await expect(page.getByTestId('next-times').getByRole('listitem').first()).toContainText(
    '09:00:00',
  );

  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Workflow', { exact: true }).fill(workflow);
  await page.getByLabel(/^Cron/).fill('* * * * * *');
  await page.getByRole('button', { name: 'Save schedule' }).click();

  const row = page
    .getByRole('table', { name: 'Schedules' })
    .getByRole('row')
    .filter({ hasText: name });
  await expect(row).toContainText(workflow);
  await expect(row).toContainText('Active');
  const stored = await api.schedules.get(name);
  expect(stored).toMatchObject({
    cronExpression: '* * * * * *',
    zoneId: 'Asia/Tokyo',
    startWorkflowRequest: { name: workflow },
  });

  // The scheduler starts it within a few seconds; the start links to its execution.
  const starts = page.getByRole('region', { name: 'Recent scheduled starts' });
  const startRow = starts.getByRole('row').filter({ hasText: name }).first();
  await expect(startRow).toContainText('Started', { timeout: 20_000 });
  await startRow.getByRole('link').click();
  await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);

  await page.goto('/schedules');
  await page.getByRole('button', { name: `Pause ${name}` }).click();
  await expect(row).toContainText('Paused');
  expect((await api.schedules.get(name)).paused).toBe(true);
  await page.getByRole('button', { name: `Resume ${name}` }).click();
  await expect(row).toContainText('Active');

  await page.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  expect((await api.schedules.list()).some((s) => s.name === name)).toBe(false);
});

test('hostile: a bad cron and an unknown workflow name the field and store nothing; keyboard only', async ({
  page,
  api,
}) => {
  const name = uniqueName('sched_bad');
  await page.goto('/schedules');
  await page.getByRole('button', { name: 'New schedule' }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Name', { exact: true }).focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('not_registered_wf');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('0 9 * * *');
  await expect(page.getByTestId('next-times-error')).toContainText('six fields');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('schedule-errors')).toContainText('schedule.cronExpression');

  await page.getByLabel(/^Cron/).fill('0 0 9 * * *');
  await page.getByLabel(/^Cron/).press('Enter');
  await expect(page.getByTestId('schedule-errors')).toContainText(
    'schedule.startWorkflowRequest.name',
  );
  expect((await api.schedules.list()).some((s) => s.name === name)).toBe(false);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
});
