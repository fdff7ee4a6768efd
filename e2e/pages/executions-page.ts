/**
 * Page object of the execution monitor: the run page, the execution view (graph, details,
 * timeline, operations) and the executions list.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class ExecutionsPage {
  constructor(readonly page: Page) {}

  /** Opens the run page for a workflow, fills the declared inputs, runs it and returns the new id. */
  async run(name: string, inputs: Record<string, string> = {}): Promise<string> {
    await this.page.goto(`/executions/run?name=${encodeURIComponent(name)}`);
    for (const [key, value] of Object.entries(inputs))
      await this.page.getByLabel(key, { exact: true }).fill(value);
    await this.page.getByRole('button', { name: 'Run', exact: true }).click();
    await this.page.waitForURL(/\/executions\/[0-9a-f-]{36}/);
    return this.workflowId();
  }

  /** The id of the execution on screen (from the URL). */
  workflowId(): string {
    const match = /\/executions\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match) throw new Error(`not on an execution page: ${this.page.url()}`);
    return match[1]!;
  }

  async open(workflowId: string): Promise<void> {
    await this.page.goto(`/executions/${workflowId}`);
    await expect(this.page.getByTestId('execution-graph')).toBeVisible();
  }

  /** The graph node of a task reference. */
  node(ref: string): Locator {
    return this.page.getByTestId(`exec-node-${ref}`);
  }

  async expectNodeStatus(ref: string, status: string, timeout = 15_000): Promise<void> {
    await expect(this.node(ref)).toHaveAttribute('data-status', status, { timeout });
  }

  /**
   * Waits until a click at the centre of `target` would reach it (nothing drawn over it, such as
   * an edge of the graph), so a following click() cannot land on something else.
   */
  async expectReachable(target: Locator): Promise<void> {
    await expect
      .poll(() =>
        target.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return hit !== null && el.contains(hit);
        }),
      )
      .toBe(true);
  }

  /** The execution's status badge in the header. */
  workflowStatus(): Locator {
    return this.page.locator('.exec-header .status-badge').first();
  }

  /** Clicks an execution-level operation, checks which nodes it highlights, then confirms it. */
  async operate(
    label: string,
    confirmLabel: string,
    highlighted: string[] = [],
    notHighlighted: string[] = [],
  ): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Execution operations' })
      .getByRole('button', { name: label })
      .click();
    const panel = this.page.getByRole('dialog');
    await expect(panel).toBeVisible();
    for (const ref of highlighted) await expect(this.node(ref)).toHaveClass(/is-affected/);
    for (const ref of notHighlighted) await expect(this.node(ref)).not.toHaveClass(/is-affected/);
    await panel.getByRole('button', { name: confirmLabel, exact: true }).click();
    await expect(panel).toBeHidden();
  }

  /** Moves the replay scrubber to a fraction (0..1) of the execution's span. */
  async scrubTo(fraction: number): Promise<void> {
    await this.page.getByLabel('Replay time').fill(String(Math.round(fraction * 1000)));
  }

  async backToLive(): Promise<void> {
    await this.page.getByRole('button', { name: 'Live' }).click();
  }

  /** Opens the executions list with filters given as URL parameters. */
  async openList(query = ''): Promise<void> {
    await this.page.goto(`/executions${query ? `?${query}` : ''}`);
    await expect(this.page.getByRole('heading', { name: 'Executions' })).toBeVisible();
  }

  row(workflowId: string): Locator {
    return this.page.getByTestId(`execution-row-${workflowId}`);
  }

  async toggleStatusFilter(label: string): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Status' })
      .getByRole('button', { name: label })
      .click();
  }
}
