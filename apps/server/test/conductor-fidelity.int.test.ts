/**
 * Behaviours aligned with Conductor (docs/conductor-compatibility.md, "Behaviours aligned with
 * Conductor"), through the real HTTP server on each store, since the rows a store keeps and the
 * order it returns them in are part of each result.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createPostgresStores, createRedisPostgresStores } from '@baton/stores';
import type { Task, Workflow, WorkflowDef, WorkflowTask } from '@baton/engine';
import type { ServerStores } from '../src/stores-factory.js';
import { createTestApp, openPgliteStores, register, start } from './helpers.js';
import type { TestApp } from './helpers.js';

type Stores = Omit<ServerStores, 'description'>;

const STORES: Array<[string, () => Promise<Stores>]> = [
  ['PGlite', openPgliteStores],
  [
    'Postgres',
    () =>
      createPostgresStores({
        connectionString: inject('databaseUrl'),
        schema: `fidelity_${randomUUID().replace(/-/g, '').slice(0, 12)}`,
      }),
  ],
  [
    'Redis + Postgres',
    () => {
      const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
      return createRedisPostgresStores({
        redis: inject('redisUrl'),
        databaseUrl: inject('databaseUrl'),
        schema: `fidelity_rp_${suffix}`,
        keyPrefix: `fidelity-${suffix}:`,
        indexIntervalMs: 50,
      });
    },
  ],
];

const simple = (ref: string, name = ref): WorkflowTask => ({
  name,
  taskReferenceName: ref,
  type: 'SIMPLE',
});

function def(name: string, tasks: WorkflowTask[], extra: Partial<WorkflowDef> = {}): WorkflowDef {
  return { name, version: 1, schemaVersion: 2, ownerEmail: 'test@example.com', tasks, ...extra };
}

async function workflow(app: FastifyInstance, id: string): Promise<Workflow> {
  return (await app.inject({ url: `/api/workflow/${id}?includeTasks=true` })).json() as Workflow;
}

/** Waits (polling the API, generous deadline) until the workflow has left RUNNING. */
async function ended(t: TestApp, id: string): Promise<Workflow> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await t.executor.runSystemTasks('START_WORKFLOW', 5);
    const wf = await workflow(t.app, id);
    if (wf.status !== 'RUNNING' || Date.now() > deadline) return wf;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function registerTaskDefs(app: FastifyInstance, names: string[]): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/metadata/taskdefs',
    payload: names.map((name) => ({ name, retryCount: 0, ownerEmail: 'test@example.com' })),
  });
  expect(res.statusCode).toBe(200);
}

async function pollOne(app: FastifyInstance, type: string): Promise<Task> {
  const res = await app.inject({ url: `/api/tasks/poll/batch/${type}?count=1&timeout=2000` });
  const [task] = res.json() as Task[];
  if (!task) throw new Error(`no ${type} task`);
  return task;
}

async function completeTask(app: FastifyInstance, task: Task): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/tasks',
    payload: {
      workflowInstanceId: task.workflowInstanceId,
      taskId: task.taskId,
      status: 'COMPLETED',
    },
  });
  expect(res.statusCode).toBe(200);
}

describe.each(STORES)('Conductor behaviours on %s', (_name, openStores) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, await openStores(), { strictTaskDefs: true });
    await registerTaskDefs(t.app, ['fid_case', 'fid_other', 'fid_first', 'fid_work', 'fid_a']);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a value-param SWITCH in a FORK branch stores its case task right after it', async () => {
    await register(
      t.app,
      def('fid_fork_switch', [
        {
          name: 'fork',
          taskReferenceName: 'fork',
          type: 'FORK_JOIN',
          forkTasks: [
            [
              {
                name: 'sw',
                taskReferenceName: 'sw',
                type: 'SWITCH',
                evaluatorType: 'value-param',
                expression: 'kind',
                inputParameters: { kind: '${workflow.input.kind}' },
                decisionCases: { a: [simple('caseA', 'fid_case')] },
              },
            ],
            [simple('other', 'fid_other')],
          ],
        },
        { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn: ['sw', 'other'] },
      ]),
    );
    const id = await start(t.app, 'fid_fork_switch', { kind: 'a' });
    const wf = await workflow(t.app, id);
    expect(wf.tasks.map((x) => x.referenceTaskName)).toEqual([
      'fork',
      'sw',
      'caseA',
      'other',
      'join',
    ]);
  });

  it('TERMINATE with COMPLETED keeps its reason', async () => {
    await register(
      t.app,
      def('fid_terminate', [
        {
          name: 't',
          taskReferenceName: 't',
          type: 'TERMINATE',
          inputParameters: { terminationStatus: 'COMPLETED' },
        },
      ]),
    );
    const wf = await workflow(t.app, await start(t.app, 'fid_terminate'));
    expect(wf.status).toBe('COMPLETED');
    expect(wf.reasonForIncompletion).toBe(
      `Workflow is COMPLETED by TERMINATE task: ${wf.tasks[0]?.taskId}`,
    );
  });

  it('a DYNAMIC task naming an unregistered task fails the workflow and leaves no row', async () => {
    await register(
      t.app,
      def('fid_dynamic', [
        simple('first', 'fid_first'),
        {
          name: 'd',
          taskReferenceName: 'd',
          type: 'DYNAMIC',
          dynamicTaskNameParam: 'which',
          inputParameters: { which: '${workflow.input.which}' },
        },
      ]),
    );
    const id = await start(t.app, 'fid_dynamic', { which: 'fid_not_registered' });
    await completeTask(t.app, await pollOne(t.app, 'fid_first'));
    const wf = await workflow(t.app, id);
    expect(wf.status).toBe('FAILED');
    expect(wf.reasonForIncompletion).toBe(
      'Invalid task specified.  Cannot find task by name fid_not_registered in the task definitions',
    );
    expect(wf.tasks.map((x) => x.referenceTaskName)).toEqual(['first']);
  });

  it('a dynamic fork whose per-task input is not a map fails with no FORK or JOIN row', async () => {
    await register(
      t.app,
      def('fid_dynfork', [
        {
          name: 'dyn',
          taskReferenceName: 'dyn',
          type: 'FORK_JOIN_DYNAMIC',
          dynamicForkTasksParam: 'tasks',
          dynamicForkTasksInputParamName: 'inputs',
          inputParameters: { tasks: '${workflow.input.tasks}', inputs: '${workflow.input.inputs}' },
        },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN' },
      ]),
    );
    const id = await start(t.app, 'fid_dynfork', {
      tasks: [simple('x1', 'fid_work'), simple('x2', 'fid_work')],
      inputs: { x1: { n: 1 }, x2: 'not a map' },
    });
    const wf = await workflow(t.app, id);
    expect(wf.status).toBe('FAILED');
    expect(wf.reasonForIncompletion).toMatch(
      /^Tasks could not be dynamically forked due to invalid input/,
    );
    expect(wf.tasks).toEqual([]);
    const polled = await t.app.inject({
      url: '/api/tasks/poll/batch/fid_work?count=5&timeout=100',
    });
    expect(polled.json()).toEqual([]);
  });

  it('retry of a running workflow and restart of a non-restartable one answer 404', async () => {
    await register(t.app, def('fid_norestart', [simple('a', 'fid_a')], { restartable: false }));
    const id = await start(t.app, 'fid_norestart');
    const retry = await t.app.inject({ method: 'POST', url: `/api/workflow/${id}/retry` });
    expect(retry.statusCode).toBe(404);
    expect(retry.json()).toMatchObject({
      code: 'WORKFLOW_STILL_RUNNING',
      message: 'Workflow is still running.  status=RUNNING',
    });
    const early = await t.app.inject({ method: 'POST', url: `/api/workflow/${id}/restart` });
    expect(early.statusCode).toBe(409);
    await completeTask(t.app, await pollOne(t.app, 'fid_a'));
    const restart = await t.app.inject({ method: 'POST', url: `/api/workflow/${id}/restart` });
    expect(restart.statusCode).toBe(404);
    expect(restart.json()).toMatchObject({
      code: 'WORKFLOW_NOT_RESTARTABLE',
      message: `Workflow: fid_norestart.1/${id}.COMPLETED is non-restartable`,
    });
    expect((await workflow(t.app, id)).status).toBe('COMPLETED');
  });

  it('a throwing javascript SWITCH fails with Conductor reason; an unknown name says so', async () => {
    await register(
      t.app,
      def('fid_js_switch', [
        {
          name: 'sw',
          taskReferenceName: 'sw',
          type: 'SWITCH',
          evaluatorType: 'javascript',
          expression: 'noSuchFunction($.x)',
          inputParameters: { x: '${workflow.input.x}' },
          decisionCases: { a: [simple('a', 'fid_a')] },
        },
      ]),
    );
    const wf = await workflow(t.app, await start(t.app, 'fid_js_switch', { x: 'y' }));
    expect(wf.status).toBe('FAILED');
    expect(wf.tasks[0]?.status).toBe('FAILED');
    expect(wf.tasks[0]?.reasonForIncompletion).toMatch(
      /^Error evaluating the script `.*noSuchFunction.*`$/,
    );
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/fid_no_such_workflow',
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe(
      'No such workflow found by name: fid_no_such_workflow, version: null',
    );
    const versioned = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/fid_no_such_workflow?version=3',
      payload: {},
    });
    expect(versioned.json().message).toBe(
      'No such workflow found by name: fid_no_such_workflow, version: 3',
    );
  });

  it('START_WORKFLOW without a name registers with a warning and fails at run time', async () => {
    const unnamed = def('fid_start_unnamed', [
      {
        name: 'sw',
        taskReferenceName: 'sw',
        type: 'START_WORKFLOW',
        inputParameters: { startWorkflow: { input: { a: 1 } } },
      },
    ]);
    const validate = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow/validate',
      payload: unnamed,
    });
    expect(validate.statusCode).toBe(200);
    expect(validate.json().warnings).toEqual([
      expect.objectContaining({ path: 'tasks[0].inputParameters.startWorkflow.name' }),
    ]);
    await register(t.app, unnamed);
    const wf = await ended(t, await start(t.app, 'fid_start_unnamed'));
    expect(wf.status).toBe('FAILED');
    expect(wf.tasks[0]?.reasonForIncompletion).toBe(
      "startWorkflow validation failed. 'name' -> Workflow name cannot be null or empty. ",
    );
  });

  it('with strict task definitions, a start whose SIMPLE task has no TaskDef is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow?overwrite=true',
      payload: def('fid_strict', [simple('u', 'fid_unregistered_task')]),
    });
    expect(res.statusCode).toBe(200);
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/workflow',
      payload: { name: 'fid_strict', input: {} },
    });
    expect(started.statusCode).toBe(400);
    expect(started.json().message).toBe(
      'Cannot find the task definitions for the following tasks used in workflow: [fid_unregistered_task]',
    );
    const running = await t.app.inject({ url: '/api/workflow/running/fid_strict' });
    expect(running.json()).toEqual([]);
  });
});
