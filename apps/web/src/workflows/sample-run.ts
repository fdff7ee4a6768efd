/**
 * "Run with sample workers" on an example card: turns on the server's built-in sample workers,
 * registers what the example needs (its task definitions when missing, the child workflows it
 * calls, then itself, keeping a version already stored), and starts it with a sample input in
 * the sample workers' task domain, so they run this execution and nothing else.
 * @module
 */
import { isBatonApiError, type BatonClient } from '@baton/client';
import type { TaskDef, WorkflowDef } from '@baton/engine';
import { EXAMPLES, EXAMPLE_TASK_DEFS, type BundledExample } from './examples.js';

/** The input each example starts with. */
export const SAMPLE_INPUTS: Readonly<Record<string, Record<string, unknown>>> = {
  'pbj-v1': { breadType: 'sourdough', crunchy: true, jellyFlavor: 'strawberry' },
  'pbj-v2': { breadType: 'sourdough', crunchy: true, jellyFlavor: 'strawberry' },
  'frozen-burrito': { ovenType: 'microwave' },
  'order-fulfilment': {
    orderId: 'o-1001',
    items: [
      { sku: 'tea', qty: 2 },
      { sku: 'mug', qty: 1 },
    ],
    address: '1 Main St',
  },
  'order-fulfilment-shipping': { orderId: 'o-1001', address: '1 Main St', parcelCount: 1 },
};

/** Names of the workflows `tasks` call as sub-workflows, at any depth. */
function subWorkflowNames(tasks: readonly unknown[]): string[] {
  return tasks.flatMap((raw) => {
    const t = raw as Record<string, unknown>;
    const nested = [
      ...((t['forkTasks'] as unknown[][] | undefined) ?? []),
      ...Object.values((t['decisionCases'] as Record<string, unknown[]> | undefined) ?? {}),
      (t['defaultCase'] as unknown[] | undefined) ?? [],
      (t['loopOver'] as unknown[] | undefined) ?? [],
    ].flatMap((list) => subWorkflowNames(list));
    const param = t['subWorkflowParam'] as { name?: unknown } | undefined;
    return t['type'] === 'SUB_WORKFLOW' && typeof param?.name === 'string'
      ? [param.name, ...nested]
      : nested;
  });
}

/** The example and the examples it calls, callees first. */
export function examplesToRegister(example: BundledExample): BundledExample[] {
  const out: BundledExample[] = [];
  const visit = (ex: BundledExample, depth: number) => {
    if (depth > 5 || out.includes(ex)) return;
    for (const name of subWorkflowNames(ex.def.tasks)) {
      const callee = EXAMPLES.find((e) => e.def.name === name);
      if (callee) visit(callee, depth + 1);
    }
    out.push(ex);
  };
  visit(example, 0);
  return out;
}

async function registerKeepingExisting(client: BatonClient, def: WorkflowDef): Promise<void> {
  try {
    await client.metadata.registerWorkflowDef(def);
  } catch (e) {
    if (!(isBatonApiError(e) && e.code === 'WORKFLOW_DEF_VERSION_EXISTS')) throw e;
  }
}

/** Does everything and resolves with the new execution's id. */
export async function runWithSampleWorkers(
  client: BatonClient,
  example: BundledExample,
): Promise<string> {
  const { domain } = await client.setSampleWorkers(true);
  const existing = new Set((await client.metadata.listTaskDefs()).map((d) => d.name));
  const missing = EXAMPLE_TASK_DEFS.filter((d: TaskDef) => !existing.has(d.name));
  if (missing.length > 0) await client.metadata.registerTaskDefs(missing);
  for (const ex of examplesToRegister(example)) await registerKeepingExisting(client, ex.def);
  return client.workflows.start({
    name: example.def.name,
    version: example.def.version ?? 1,
    input: SAMPLE_INPUTS[example.id] ?? {},
    // Only this execution's tasks go to the sample workers' domain.
    taskToDomain: { '*': domain },
  });
}
