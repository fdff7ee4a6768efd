/**
 * Page object of the workflow designer: each method is one user gesture, so specs read as journeys.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class DesignerPage {
  constructor(readonly page: Page) {}

  /** Opens an empty designer. */
  async openNew(): Promise<void> {
    await this.page.goto('/workflows/new');
    await expect(this.page.getByTestId('flow-start')).toBeVisible();
  }

  /** Opens a stored definition. */
  async open(name: string, version?: number): Promise<void> {
    await this.page.goto(`/workflows/${encodeURIComponent(name)}${version ? `/${version}` : ''}`);
    await expect(this.page.getByTestId('flow-start')).toBeVisible();
  }

  /** The canvas node of a task. */
  node(ref: string): Locator {
    return this.page.getByTestId(`task-${ref}`);
  }

  /** A React Flow node wrapper by its id (placeholders are `ph:<parent>/<slot>/<key>`). */
  flowNode(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  /** The placeholder of an empty list, e.g. `ph:root`, `ph:sw/case/oven`, `ph:sw/default/`. */
  placeholder(id: string): Locator {
    return this.flowNode(id).getByRole('button', { name: 'Add a task here' });
  }

  /** Fits the whole flow on screen (Shift+1). */
  async fitView(): Promise<void> {
    await this.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Shift+Digit1');
    await this.page.waitForTimeout(350);
  }

  async select(ref: string): Promise<void> {
    if (!(await this.node(ref).isVisible()) || !(await this.inViewport(this.node(ref))))
      await this.fitView();
    await this.node(ref).click({ position: { x: 40, y: 24 } });
    await expect(this.page.getByLabel(`Properties of ${ref}`)).toBeVisible();
  }

  private async inViewport(l: Locator): Promise<boolean> {
    const box = await l.boundingBox();
    const pane = await this.page.locator('.react-flow').boundingBox();
    if (!box || !pane) return false;
    return (
      box.y >= pane.y &&
      box.y + box.height <= pane.y + pane.height &&
      box.x >= pane.x &&
      box.x + box.width <= pane.x + pane.width
    );
  }

  /** Picks a task type in the open insert menu by typing its name and pressing Enter. */
  async pickInMenu(search: string): Promise<void> {
    const menu = this.page.getByRole('dialog', { name: 'Insert task' });
    await expect(menu).toBeVisible();
    await menu.getByLabel('Search task types').fill(search);
    await this.page.keyboard.press('Enter');
    await expect(menu).toBeHidden();
  }

  /** Keyboard: A opens the insert menu after the selection. */
  async addAfterSelection(search: string): Promise<void> {
    await this.focusCanvas();
    await this.page.keyboard.press('a');
    await this.pickInMenu(search);
  }

  /** Mouse: click a placeholder, then choose the type. */
  async addAtPlaceholder(id: string, search: string): Promise<void> {
    await this.placeholder(id).click();
    await this.pickInMenu(search);
  }

  /**
   * Mouse: drag a palette item onto a placeholder (or any drop target), moving in steps as a hand
   * does: Chromium starts the HTML5 drag on the first move, so a single jump (what `dragTo` does)
   * can deliver the drag events to whatever lay under that first move instead of the target.
   */
  async dragFromPalette(type: string, target: Locator): Promise<void> {
    await this.page.locator(`.designer-left [data-task-type="${type}"]`).hover();
    await this.page.mouse.down();
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error('the drop target is not on screen');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y, { steps: 12 });
    await this.page.mouse.move(x + 2, y + 1, { steps: 2 });
    await this.page.mouse.up();
  }

  /** Sets an inspector text field (by test id) and commits it. */
  async setField(testId: string, value: string): Promise<void> {
    const field = this.page.getByTestId(testId);
    await field.fill(value);
    // Tab commits (on blur); the field may re-render under a new test id (a renamed case).
    await field.press('Tab');
    await this.blurActive();
  }

  /** Moves focus off any form field onto the canvas, so canvas shortcuts apply again. */
  async blurActive(): Promise<void> {
    await this.focusCanvas();
  }

  /** Gives the canvas the keyboard focus without clicking (a click on the pane deselects). */
  async focusCanvas(): Promise<void> {
    await this.page.getByTestId('canvas').focus();
  }

  /** Names the selected task. */
  async nameTask(name: string, ref: string): Promise<void> {
    await this.setField('task-name', name);
    await this.setField('task-ref', ref);
    await expect(this.node(ref)).toBeVisible();
  }

  /** Adds one input parameter to the selected task (or renames/sets an existing one). */
  async setParam(
    key: string,
    value: string,
    existingKey?: string,
    addLabel = 'Add parameter',
  ): Promise<void> {
    const panel = this.page.locator('.designer-right');
    if (!existingKey) {
      await panel.getByRole('button', { name: addLabel }).click();
      existingKey = 'param';
    }
    if (existingKey !== key) {
      const name = panel.getByLabel(`Parameter name ${existingKey}`, { exact: true });
      await name.fill(key);
      await name.blur();
    }
    const v = panel.getByLabel(`Value of ${key}`, { exact: true });
    await v.fill(value);
    await v.blur();
  }

  async showTab(name: 'Task' | 'Workflow' | 'JSON'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** Sets a workflow-level text field by its label. */
  async setWorkflowField(label: string, value: string): Promise<void> {
    await this.showTab('Workflow');
    const field = this.page.locator('.designer-right').getByLabel(label, { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else {
      await field.fill(value);
      await field.blur();
    }
    await this.blurActive();
  }

  /** Saves through the dialog (Ctrl+S), as a new version or overwriting. */
  async save(mode: 'new' | 'overwrite' = 'new'): Promise<void> {
    const dialog = await this.submitSave(mode);
    await expect(dialog).toBeHidden();
  }

  /** Opens the save dialog (Ctrl+S) and presses its save button; returns the dialog. */
  async submitSave(mode: 'new' | 'overwrite' = 'new'): Promise<Locator> {
    await this.page.keyboard.press('Control+s');
    const dialog = this.page.getByRole('dialog', { name: 'Save workflow' });
    await expect(dialog).toBeVisible();
    if (mode === 'overwrite') await dialog.getByLabel(/Overwrite version/).check();
    await dialog.getByRole('button', { name: /^(Save|Overwrite) v\d+/ }).click();
    return dialog;
  }

  /** Replaces the JSON editor's text, as a user pasting into it would. */
  async replaceJson(text: string): Promise<void> {
    await this.showTab('JSON');
    const editor = this.page.locator('.json-panel .monaco-editor').first();
    // Monaco is a lazily loaded chunk; give it time on a busy machine.
    await expect(editor).toBeVisible({ timeout: 30_000 });
    await editor.click();
    await this.page.keyboard.press('Control+a');
    await this.page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  /** Exports the draft as a JSON file and returns its text. */
  async exportJson(): Promise<string> {
    await this.page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('menuitem', { name: 'JSON file' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Imports a JSON file through the file picker. */
  async importFile(name: string, text: string): Promise<void> {
    await this.page
      .getByTestId('import-input')
      .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /** Drops a JSON file onto the page. */
  async dropFile(name: string, text: string): Promise<void> {
    await this.page.evaluate(
      ([n, t]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t!], n!, { type: 'application/json' }));
        window.dispatchEvent(
          new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
      },
      [name, text],
    );
  }

  /** Pastes text as if from the system clipboard. */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      document.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  /** The problems listed for a task ref. */
  problemsFor(ref: string): Locator {
    return this.page.locator(`[data-testid="problem"][data-ref="${ref}"]`);
  }
}
