/**
 * A newcomer's first minute: from the workflow list, "Run with sample workers" on an example card
 * turns on the server's built-in sample workers, starts the example and opens its execution,
 * which runs live to COMPLETED with no worker written.
 */
import { expect, test } from './fixtures.js';
import { ExecutionsPage } from './pages/executions-page.js';

test.afterAll(async ({ api }) => {
  await api.setSampleWorkers(false);
});

const journeys = [
  {
    example: 'pbj-v2',
    // The fork's two branches and the join that waits for both.
    refs: ['get_bread', 'spread_peanut_butter', 'spread_jelly', 'spread_join', 'cut_sandwich'],
    output: /sourdough slice 1 spread with crunchy peanut butter/,
  },
  {
    example: 'frozen-burrito',
    // The switch takes the microwave case; the oven case never runs.
    refs: [
      'unwrap_burrito',
      'zap_first_side',
      'flip_microwave',
      'zap_second_side',
      'serve_burrito',
    ],
    output: /a hot burrito from the microwave/,
  },
];

for (const { example, refs, output } of journeys) {
  test(`runs the ${example} example with the sample workers to COMPLETED`, async ({
    page,
    api,
  }) => {
    await page.goto('/workflows');
    const card = page.locator(`.example-card[data-example="${example}"]`);
    await card.getByRole('button', { name: 'Run with sample workers' }).click();
    await expect(page).toHaveURL(/\/executions\/[^/?]+$/, { timeout: 15_000 });

    const ui = new ExecutionsPage(page);
    for (const ref of refs) await ui.expectNodeStatus(ref, 'COMPLETED', 30_000);
    await expect(ui.workflowStatus()).toHaveAttribute('data-status', 'COMPLETED');
    if (example === 'frozen-burrito') {
      await expect(ui.node('bake')).not.toHaveAttribute('data-status', 'COMPLETED');
    }

    const wf = await api.workflows.get(ui.workflowId());
    expect(JSON.stringify(wf.output)).toMatch(output);
    // Every worker task was done by the sample workers, and says so.
    const state = await api.sampleWorkers();
    expect(state.enabled).toBe(true);
    const workerTasks = wf.tasks.filter((t) => state.taskTypes.includes(t.taskType));
    expect(workerTasks.length).toBeGreaterThanOrEqual(refs.length - 1);
    for (const t of workerTasks) expect(t.workerId).toBe(state.workerId);
  });
}
