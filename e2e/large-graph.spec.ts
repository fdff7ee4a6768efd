/**
 * Large graphs (issue 16, items 10 and 11): a 511-task workflow opens readable (zoom ≥ 0.8) on its
 * start in the designer and on its failure in the execution view, with forks, switches and loops
 * collapsible (per workflow, for the session); a dynamic fork of 1,000 branches is one summary
 * node with counts per status and a paged, searchable branch list.
 */
import type { Locator, Page } from '@playwright/test';
import type { WorkflowDef } from '@baton/engine';
import { expect, test, uniqueName } from './fixtures.js';

const inline = (ref: string, expression = '1') => ({
  name: ref,
  taskReferenceName: ref,
  type: 'INLINE',
  inputParameters: { evaluatorType: 'javascript', expression },
});
const THROW = "(function () { throw new Error('boom'); })()";

/**
 * 511 tasks: 3 intro tasks, 10 forks (`fork_<g>`, each 3 branches of a switch `sw_<g>_<b>` whose
 * case "a" runs 10 inline tasks and whose default holds a loop of 4, then `join_<g>`), 8 outro
 * tasks. The 5th task of fork 5, branch 2 (`boom`) throws, so the execution fails there.
 */
function big(name: string): WorkflowDef {
  const tasks: unknown[] = [1, 2, 3].map((i) => inline(`intro_${i}`));
  for (let g = 1; g <= 10; g++) {
    const branches = [1, 2, 3].map((b) => [
      {
        name: `sw_${g}_${b}`,
        taskReferenceName: `sw_${g}_${b}`,
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'pick',
        inputParameters: { pick: 'a' },
        decisionCases: {
          a: Array.from({ length: 10 }, (_, i) =>
            g === 5 && b === 2 && i === 4 ? inline('boom', THROW) : inline(`t_${g}_${b}_${i + 1}`),
          ),
        },
        defaultCase: [
          {
            name: `loop_${g}_${b}`,
            taskReferenceName: `loop_${g}_${b}`,
            type: 'DO_WHILE',
            loopCondition: 'false',
            loopOver: [1, 2, 3, 4].map((i) => inline(`l_${g}_${b}_${i}`)),
          },
        ],
      },
    ]);
    tasks.push(
      { name: `fork_${g}`, taskReferenceName: `fork_${g}`, type: 'FORK_JOIN', forkTasks: branches },
      {
        name: `join_${g}`,
        taskReferenceName: `join_${g}`,
        type: 'JOIN',
        joinOn: [1, 2, 3].map((b) => `sw_${g}_${b}`),
      },
    );
  }
  for (let i = 1; i <= 8; i++) tasks.push(inline(`outro_${i}`));
  return { name, version: 1, schemaVersion: 2, tasks } as unknown as WorkflowDef;
}

/** The canvas zoom (the React Flow viewport's scale). */
async function zoomOf(page: Page): Promise<number> {
  return page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

/** The collapse/expand pill of a group node. */
const toggleOf = (node: Locator) => node.locator('.group-toggle');

for (const size of [
  { width: 1280, height: 720 },
  { width: 1600, height: 1000 },
]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('a 511-task workflow opens in the designer readable on its start, forks collapsed', async ({
      api,
      designer,
      page,
    }) => {
      const name = uniqueName('big_design');
      await api.metadata.registerWorkflowDef(big(name));
      // Loading a 511-task definition takes a while on a busy machine.
      await page.goto(`/workflows/${encodeURIComponent(name)}`);
      await expect(page.getByTestId('flow-start')).toBeInViewport({ timeout: 30_000 });
      expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.8);
      // Over 150 tasks: every group opens collapsed, showing how many tasks it holds.
      const fork = designer.node('fork_1');
      await expect(toggleOf(fork)).toHaveAttribute('aria-expanded', 'false');
      await expect(toggleOf(fork)).toHaveText('48 tasks');
      await expect(designer.node('sw_1_1')).toHaveCount(0);
      await page.screenshot({ path: `test-results/big-designer-${size.width}.png` });

      // Expanding shows the branches; the choice is kept for the session.
      await toggleOf(fork).click();
      await expect(designer.node('sw_1_1')).toBeVisible();
      await expect(toggleOf(designer.node('sw_1_1'))).toHaveAttribute('aria-expanded', 'false');
      await page.reload();
      await expect(designer.node('sw_1_1')).toBeAttached();
      await expect(toggleOf(designer.node('fork_2'))).toHaveAttribute('aria-expanded', 'false');

      // Keyboard: C on the focused node collapses it again.
      await designer.select('fork_1');
      await page.locator('.react-flow__node[data-id="t:fork_1"]').focus();
      await page.keyboard.press('c');
      await expect(designer.node('sw_1_1')).toHaveCount(0);
      await expect(toggleOf(designer.node('fork_1'))).toHaveAttribute('aria-expanded', 'false');
    });

    test('its execution opens readable on the failure, the groups around it expanded', async ({
      api,
      page,
    }) => {
      const name = uniqueName('big_run');
      await api.metadata.registerWorkflowDef(big(name));
      const id = await api.workflows.start({ name, input: {} });
      await expect
        .poll(async () => (await api.workflows.get(id, { includeTasks: false })).status, {
          timeout: 30_000,
        })
        .toBe('FAILED');
      await page.goto(`/executions/${id}`);
      const boom = page.getByTestId('exec-node-boom');
      await expect(boom).toHaveAttribute('data-status', 'FAILED_WITH_TERMINAL_ERROR');
      await expect(boom).toBeInViewport();
      expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.8);
      // The path to the failure is open; other groups are collapsed with their statuses counted.
      await expect(toggleOf(page.getByTestId('exec-node-fork_5'))).toHaveAttribute(
        'aria-expanded',
        'true',
      );
      const fork1 = page.getByTestId('exec-node-fork_1');
      await expect(toggleOf(fork1)).toHaveAttribute('aria-expanded', 'false');
      await expect(fork1.locator('.status-counts')).toHaveAttribute('aria-label', /completed/);
      await page.screenshot({ path: `test-results/big-execution-${size.width}.png` });

      // Keyboard: select the fork, C expands it.
      await page.goto(`/executions/${id}?task=fork_1`);
      const wrapper = page.locator('.react-flow__node[data-id="t:fork_1"]');
      await expect(wrapper).toBeInViewport();
      await wrapper.focus();
      await page.keyboard.press('c');
      await expect(page.getByTestId('exec-node-sw_1_1')).toBeAttached();
      await expect(toggleOf(page.getByTestId('exec-node-fork_1'))).toHaveAttribute(
        'aria-expanded',
        'true',
      );
    });
  });
}

test.describe('a dynamic fork of 1,000 branches', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('is one summary node with counts per status and a paged, searchable branch list', async ({
    api,
    page,
  }) => {
    test.setTimeout(120_000);
    const name = uniqueName('thousand_fork');
    await api.metadata.registerWorkflowDef({
      name,
      version: 1,
      schemaVersion: 2,
      tasks: [
        {
          name: 'fan',
          taskReferenceName: 'fan',
          type: 'FORK_JOIN_DYNAMIC',
          dynamicForkTasksParam: 'tasks',
          dynamicForkTasksInputParamName: 'inputs',
          inputParameters: { tasks: '${workflow.input.tasks}', inputs: '${workflow.input.inputs}' },
        },
        { name: 'gather', taskReferenceName: 'gather', type: 'JOIN' },
      ],
    } as unknown as WorkflowDef);
    // Every 100th branch (br_7, br_107, …) throws: 10 failed, 990 completed.
    const tasks = Array.from({ length: 1000 }, (_, i) =>
      inline(`br_${i}`, i % 100 === 7 ? THROW : '1'),
    );
    const inputs = Object.fromEntries(tasks.map((t) => [t.taskReferenceName, {}]));
    const id = await api.workflows.start({ name, input: { tasks, inputs } });
    await expect
      .poll(async () => (await api.workflows.get(id, { includeTasks: false })).status, {
        timeout: 90_000,
      })
      .toBe('FAILED');

    await page.goto(`/executions/${id}`);
    const fan = page.getByTestId('exec-node-fan');
    await expect(fan).toBeVisible();
    // No row of a thousand nodes: the branches are not drawn.
    await expect(page.getByTestId('exec-node-br_0')).toHaveCount(0);
    await expect(fan).toContainText('1000 branches');
    await expect(fan.locator('.status-counts')).toHaveAttribute(
      'aria-label',
      '990 completed, 10 failed with terminal error',
    );
    await page.screenshot({ path: 'test-results/thousand-fork.png' });

    // Enter on the node opens the branch list: 50 a page.
    await page.goto(`/executions/${id}?task=fan`);
    const list = page.getByRole('list', { name: 'Branches of fan' });
    await expect(list.getByRole('listitem')).toHaveCount(50);
    await expect(page.getByText('1–50 of 1000')).toBeVisible();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText('51–100 of 1000')).toBeVisible();
    await expect(list.getByRole('button', { name: /^br_50\b/ })).toBeVisible();
    // Filter by status, then search by reference name.
    await page
      .getByRole('combobox', { name: 'Branch status' })
      .selectOption('FAILED_WITH_TERMINAL_ERROR');
    await expect(list.getByRole('listitem')).toHaveCount(10);
    await page.getByLabel('Search branches').fill('br_10');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await page.screenshot({ path: 'test-results/thousand-fork-list.png' });
    // Choosing a branch shows its task.
    await list.getByRole('button', { name: /^br_107\b/ }).click();
    await expect(page).toHaveURL(/task=br_107/);
    await expect(page.locator('.exec-right')).toContainText('br_107');
    await page.getByRole('button', { name: /All branches of fan/ }).click();
    await expect(list).toBeVisible();

    // Keyboard: from the graph's tab stop, Enter on the summary node opens the list too.
    await page.goto(`/executions/${id}`);
    await page.locator('.react-flow__node[data-id="t:fan"]').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'Branches of fan' })).toBeVisible();
  });
});
