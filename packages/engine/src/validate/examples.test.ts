import { describe, expect, it } from 'vitest';
import type { TaskDef } from '../model/task-def.js';
import type { WorkflowDef } from '../model/workflow-def.js';
import { validateTaskDef } from './validate-task-def.js';
import { validateWorkflowDef } from './validate-workflow-def.js';
import { walkTasks } from './walk-tasks.js';

const WORKFLOW_FILES = [
  'pbj-v1.json',
  'pbj-v2.json',
  'frozen-burrito.json',
  'order-fulfilment.json',
  'order-fulfilment-shipping.json',
];

/** Loads a JSON file of the repository's examples/ folder (Vite turns JSON into a module). */
async function loadExample<T>(file: string): Promise<T> {
  const mod = (await import(/* @vite-ignore */ `../../../../examples/${file}`)) as { default: T };
  return mod.default;
}

describe('bundled examples', async () => {
  const taskDefs = await loadExample<TaskDef[]>('task-defs.json');
  const byName = new Map(taskDefs.map((def) => [def.name, def]));
  const workflows = await Promise.all(
    WORKFLOW_FILES.map(async (file) => [file, await loadExample<WorkflowDef>(file)] as const),
  );

  it.each(taskDefs.map((def) => [def.name, def] as const))('TaskDef %s validates', (_name, def) => {
    expect(validateTaskDef(def)).toEqual([]);
  });

  it.each(workflows)('%s validates with no issues', (_file, def) => {
    expect(validateWorkflowDef(def, { getTaskDef: (name) => byName.get(name) })).toEqual([]);
  });

  it.each(workflows)('%s has a TaskDef for every worker task', (_file, def) => {
    const missing: string[] = [];
    walkTasks(def.tasks, 'tasks', ({ task }) => {
      const node = task as { name: string; type?: string };
      if ((node.type ?? 'SIMPLE') === 'SIMPLE' && !byName.has(node.name)) missing.push(node.name);
    });
    expect(missing).toEqual([]);
  });

  it('every sub-workflow an example calls is itself an example', () => {
    const names = new Set(workflows.map(([, def]) => def.name));
    const called: string[] = [];
    for (const [, def] of workflows) {
      walkTasks(def.tasks, 'tasks', ({ task }) => {
        const node = task as { type?: string; subWorkflowParam?: { name: string } };
        if (node.type === 'SUB_WORKFLOW' && node.subWorkflowParam)
          called.push(node.subWorkflowParam.name);
      });
    }
    expect(called.length).toBeGreaterThan(0);
    expect(called.filter((name) => !names.has(name))).toEqual([]);
  });

  it('the frozen burrito uses zap twice under two reference names', () => {
    const burrito = workflows.find(([file]) => file === 'frozen-burrito.json')?.[1];
    const zaps: string[] = [];
    walkTasks(burrito?.tasks ?? [], 'tasks', ({ task }) => {
      const node = task as { name: string; taskReferenceName: string };
      if (node.name === 'zap') zaps.push(node.taskReferenceName);
    });
    expect(new Set(zaps).size).toBe(2);
  });
});
