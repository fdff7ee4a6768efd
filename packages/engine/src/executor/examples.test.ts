import { describe, expect, it } from 'vitest';
import type { Task } from '../model/task.js';
import type { TaskDef } from '../model/task-def.js';
import type { WorkflowDef } from '../model/workflow-def.js';
import type { Workflow } from '../model/workflow.js';
import { createHarness, type Harness } from './harness.testkit.js';
import { ASYNC_SYSTEM_TASK_TYPES } from './executor-api.js';

/** Loads a JSON file of the repository's examples/ folder (Vite turns JSON into a module). */
async function loadExample<T>(file: string): Promise<T> {
  const mod = (await import(/* @vite-ignore */ `../../../../examples/${file}`)) as { default: T };
  return mod.default;
}

type Worker = (input: Record<string, unknown>) => Record<string, unknown>;

/** In-process workers: deterministic outputs derived from their inputs. */
const WORKERS: Record<string, Worker> = {
  get_bread: (i) => ({ slices: [`${i.breadType}-1`, `${i.breadType}-2`] }),
  get_peanut_butter: (i) => ({ jar: i.crunchy ? 'crunchy-pb' : 'smooth-pb' }),
  get_jelly: (i) => ({ jar: `${i.flavor}-jelly` }),
  get_knife: () => ({ knife: 'knife' }),
  spread_peanut_butter: (i) => ({ slice: `${i.slice}+${i.peanutButter}/${i.knife}` }),
  spread_jelly: (i) => ({ slice: `${i.slice}+${i.jelly}/${i.knife}` }),
  assemble_sandwich: (i) => ({ sandwich: `${i.peanutButterSlice}|${i.jellySlice}` }),
  cut_sandwich: (i) => ({ sandwich: `${i.sandwich} cut ${i.style}` }),
  unwrap_burrito: () => ({ burrito: 'burrito' }),
  bake: (i) => ({ burrito: `${i.burrito}+baked${i.minutes}` }),
  zap: (i) => ({ burrito: `${i.burrito}+zap${i.seconds}` }),
  flip: (i) => ({ burrito: `${i.burrito}+flip` }),
  serve_burrito: (i) => ({ served: `served (${i.ovenType})` }),
  validate_order: (i) => ({ parcelCount: (i.items as unknown[]).length }),
  reserve_item: (i) => ({
    reserved: (i.items as Array<{ sku: string }>)[(i.index as number) - 1]?.sku ?? null,
  }),
  create_shipping_label: (i) => ({ labelId: `label-${i.orderId}-${i.parcels}` }),
  book_courier: (i) => ({ trackingNumber: `track-${i.label}` }),
  notify_customer: (i) => ({ notified: i.trackingNumber }),
};

/**
 * Runs workers, system-task workers and the sweeper in a loop until the workflow ends; returns the
 * reference names in the order workers completed them.
 */
async function runToEnd(h: Harness, workflowId: string): Promise<string[]> {
  const done: string[] = [];
  for (let round = 0; round < 100; round += 1) {
    let progressed = false;
    for (const [name, work] of Object.entries(WORKERS)) {
      const polled: Task[] = await h.executor.pollTasks(name, {
        count: 10,
        workerId: 'example-worker',
      });
      for (const task of polled) {
        await h.executor.updateTask({
          workflowInstanceId: task.workflowInstanceId,
          taskId: task.taskId,
          status: 'COMPLETED',
          outputData: work(task.inputData),
        });
        done.push(task.referenceTaskName);
        progressed = true;
      }
    }
    for (const type of ASYNC_SYSTEM_TASK_TYPES) {
      if ((await h.executor.runSystemTasks(type, 10)) > 0) progressed = true;
    }
    const workflow: Workflow = await h.executor.getWorkflow(workflowId);
    if (workflow.status !== 'RUNNING') return done;
    if (!progressed) h.clock.advanceSeconds(1);
  }
  throw new Error('the example did not finish');
}

async function setup(): Promise<Harness> {
  const h = createHarness();
  await h.registerTasks(...(await loadExample<TaskDef[]>('task-defs.json')));
  for (const file of [
    'pbj-v1.json',
    'pbj-v2.json',
    'frozen-burrito.json',
    'order-fulfilment-shipping.json',
    'order-fulfilment.json',
  ]) {
    await h.stores.definitions.saveWorkflowDef(await loadExample<WorkflowDef>(file), {
      overwrite: true,
    });
  }
  return h;
}

const PBJ_INPUT = { breadType: 'rye', crunchy: true, jellyFlavor: 'grape' };
const SANDWICH = 'rye-1+crunchy-pb/knife|rye-2+grape-jelly/knife cut diagonal';

describe('bundled examples run in process', () => {
  it('PB&J v1 runs its eight steps in order', async () => {
    const h = await setup();
    const id = await h.executor.startWorkflow({
      name: 'pbj_workflow',
      version: 1,
      input: PBJ_INPUT,
    });
    expect(await runToEnd(h, id)).toEqual([
      'get_bread',
      'get_peanut_butter',
      'get_jelly',
      'get_knife',
      'spread_peanut_butter',
      'spread_jelly',
      'assemble_sandwich',
      'cut_sandwich',
    ]);
    const wf = await h.workflow(id);
    expect([wf.status, wf.output]).toEqual(['COMPLETED', { sandwich: SANDWICH }]);
  });

  it('PB&J v2 (the latest version) spreads in a fork and joins before assembling', async () => {
    const h = await setup();
    const id = await h.executor.startWorkflow({ name: 'pbj_workflow', input: PBJ_INPUT });
    const done = await runToEnd(h, id);
    expect(done.slice(0, 2)).toEqual(['get_bread', 'get_knife']);
    expect(done.slice(-2)).toEqual(['assemble_sandwich', 'cut_sandwich']);
    const wf = await h.workflow(id);
    expect(wf.workflowVersion).toBe(2);
    expect(wf.tasks.map((t) => t.referenceTaskName)).toEqual([
      'get_bread',
      'get_knife',
      'spread_fork',
      'get_peanut_butter',
      'get_jelly',
      'spread_join',
      'spread_peanut_butter',
      'spread_jelly',
      'assemble_sandwich',
      'cut_sandwich',
    ]);
    expect([wf.status, wf.output]).toEqual(['COMPLETED', { sandwich: SANDWICH }]);
  });

  it.each([
    [
      {},
      'microwave default',
      ['unwrap_burrito', 'zap_first_side', 'flip_microwave', 'zap_second_side', 'serve_burrito'],
      'burrito+zap90+flip+zap60',
    ],
    [
      { ovenType: 'oven' },
      'oven',
      ['unwrap_burrito', 'bake', 'flip_oven', 'serve_burrito'],
      'burrito+baked20+flip',
    ],
  ])('frozen burrito with %j takes the %s path', async (input, _path, refs, lastBurrito) => {
    const h = await setup();
    const id = await h.executor.startWorkflow({ name: 'frozen_burrito', input });
    expect(await runToEnd(h, id)).toEqual(refs);
    const wf = await h.workflow(id);
    const heatedWith = 'ovenType' in input ? 'oven' : 'null';
    expect([wf.status, wf.output]).toEqual([
      'COMPLETED',
      { served: `served (${heatedWith})`, heatedWith },
    ]);
    const flip = wf.tasks.find((t) => t.taskDefName === 'flip');
    expect(flip?.outputData.burrito).toBe(lastBurrito.split('+').slice(0, 3).join('+'));
    expect(wf.tasks.filter((t) => t.taskDefName === 'zap').length).toBe(
      refs.includes('zap_first_side') ? 2 : 0,
    );
  });

  it('order fulfilment loops over the items and ships through the child workflow', async () => {
    const h = await setup();
    const input = { orderId: 'o-1', items: [{ sku: 'tea' }, { sku: 'mug' }], address: '1 Main St' };
    const id = await h.executor.startWorkflow({ name: 'order_fulfilment', input });
    expect(await runToEnd(h, id)).toEqual([
      'validate_order',
      'reserve_item__1',
      'reserve_item__2',
      'create_shipping_label',
      'book_courier',
      'notify_customer',
    ]);
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    expect(wf.output).toMatchObject({
      orderId: 'o-1',
      trackingNumber: 'track-label-o-1-2',
      reservations: {
        iteration: 2,
        '1': { reserve_item: { reserved: 'tea' } },
        '2': { reserve_item: { reserved: 'mug' } },
      },
    });
  });
});
