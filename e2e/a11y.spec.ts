/**
 * Accessibility: axe-core on every page of the app (workflow list, designer new and stored,
 * executions list, run form, one execution with a task selected, queues), in the light and the dark
 * theme. No `serious` or `critical` violation is allowed.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { TaskDef, WorkflowDef } from '@baton/client';
import { expect, test, uniqueName } from './fixtures.js';

const example = <T>(file: string) =>
  JSON.parse(readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')) as T;

/** Runs axe on the page as it stands; returns its serious/critical findings, readable. */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `    ${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('')}`,
          )
          .join('\n'),
    );
  return bad.map((b) => `${where}: ${b}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every page has no serious or critical axe violation (${colorScheme})`, async ({
    page,
    api,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await api.metadata.registerTaskDefs(example<TaskDef[]>('task-defs.json'));
    const name = uniqueName('a11y_burrito');
    await api.metadata.registerWorkflowDef({
      ...example<WorkflowDef>('frozen-burrito.json'),
      name,
    });
    const workflowId = await api.workflows.start({ name, input: {} });

    const pages: [string, string, (p: Page) => Promise<unknown>][] = [
      ['/workflows', 'workflow list', (p) => p.getByRole('link', { name }).first().waitFor()],
      [
        '/workflows/new',
        'new workflow designer',
        (p) => p.locator('.react-flow__node').first().waitFor(),
      ],
      [
        `/workflows/${name}`,
        'stored workflow designer',
        (p) => p.locator('.react-flow__node').first().waitFor(),
      ],
      ['/executions', 'executions list', (p) => p.getByText(workflowId).first().waitFor()],
      ['/executions/run', 'run a workflow', (p) => p.locator('main').waitFor()],
      [
        `/executions/${workflowId}`,
        'one execution',
        (p) => p.locator('.react-flow__node').first().waitFor(),
      ],
      [`/queues`, 'task queues', (p) => p.locator('main').waitFor()],
      ['/schedules', 'schedules', (p) => p.getByRole('heading', { name: 'Schedules' }).waitFor()],
    ];
    const found: string[] = [];
    for (const [url, where, ready] of pages) {
      await page.goto(url);
      await ready(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      found.push(...(await seriousViolations(page, `${where} (${url}, ${colorScheme})`)));
    }
    expect(found).toEqual([]);
  });
}
