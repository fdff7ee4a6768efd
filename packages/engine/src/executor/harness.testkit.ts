/**
 * Test kit for executor tests (used only by `*.test.ts`): memory stores, a fake clock, sequential
 * ids, fake ports, and helpers that act as in-process workers.
 * @module
 */
import { createMemoryStores, type MemoryStores } from '../testing/memory-stores.js';
import { FakeClock } from '../testing/fake-clock.js';
import { SequentialIds } from '../testing/sequential-ids.js';
import type { Task, TaskResult } from '../model/task.js';
import type { TaskDef } from '../model/task-def.js';
import type { Workflow } from '../model/workflow.js';
import type { WorkflowDef, WorkflowTask } from '../model/workflow-def.js';
import type { ScriptEvaluator, JqEvaluator } from '../ports/evaluator.js';
import type { HttpCaller, HttpRequest, HttpResponse } from '../ports/http-caller.js';
import type { ExecutionEvent } from '../ports/event-bus.js';
import { createWorkflowExecutor } from './create-executor.js';
import type { ExecutorConfig, WorkflowExecutor } from './executor-api.js';

/** Test input as the scripts below read it. */
type Input = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The JavaScript expressions the executor tests use, as a lookup table (no eval in the engine, not
 * even in tests). Any other expression fails the way a script engine reports an unknown name.
 */
const SCRIPTS: Record<string, ($: Input) => unknown> = {
  '$.kind == "x" ? "a" : "b"': ($) => ($.kind === 'x' ? 'a' : 'b'),
  '$.it > 1 ? "late" : "early"': ($) => ($.it > 1 ? 'late' : 'early'),
  '$.loop.iteration < $.max': ($) => $.loop.iteration < $.max,
  '$.outer.iteration < 2': ($) => $.outer.iteration < 2,
  '$.inner.iteration < 2': ($) => $.inner.iteration < 2,
  '$.a + 1': ($) => $.a + 1,
  '(function scriptFun(){\nreturn $.a * 2\n})()': ($) => $.a * 2,
  '(function scriptFun(){\nwhile (true) {}\n})()': () => {
    throw new Error('Script exceeded the time limit of 4000 ms');
  },
  '"x".repeat(3000)': () => 'x'.repeat(3000),
  'throw new Error("long")': () => {
    throw new Error(`Error: ${'m'.repeat(5000)}`);
  },
  "$.reserve_items['iteration'] < $.itemCount": ($) => $.reserve_items.iteration < $.itemCount,
};

/** A test-only ScriptEvaluator over SCRIPTS; `$` is a deep copy of the input, as in production. */
export const testScriptEvaluator: ScriptEvaluator = {
  async evaluate(expression, input) {
    const script = SCRIPTS[expression];
    if (!script) throw new Error(`${expression.split(/[.(\s]/)[0]} is not defined`);
    const value = script(JSON.parse(JSON.stringify(input)) as Input);
    return value === undefined ? null : value;
  },
};

/** A jq fake that understands `.`, `.a.b` paths and `.[]`, enough for the tests. */
export const testJq: JqEvaluator = {
  async transform(query, input) {
    if (query === 'error') throw new Error('jq: error: syntax error');
    if (query === '.[]') return Array.isArray(input) ? input : Object.values(input as object);
    let value: unknown = input;
    for (const key of query.split('.').filter((k) => k !== '')) {
      value = (value as Record<string, unknown> | null)?.[key] ?? null;
    }
    return [value];
  },
};

export interface Harness {
  executor: WorkflowExecutor;
  stores: MemoryStores;
  clock: FakeClock;
  http: { requests: HttpRequest[]; respond: (r: HttpRequest) => HttpResponse };
  published: Array<{ sink: string; payload: Record<string, unknown> }>;
  events: ExecutionEvent[];
  registerWorkflow(def: Partial<WorkflowDef> & { tasks: WorkflowTask[] }): Promise<WorkflowDef>;
  registerTasks(...defs: TaskDef[]): Promise<void>;
  start(name: string, input?: Record<string, unknown>, version?: number): Promise<string>;
  workflow(id: string): Promise<Workflow>;
  task(id: string, ref: string): Promise<Task>;
  /** Polls one task of `taskType` and completes it with `output` (or applies `result`). */
  complete(
    taskType: string,
    output?: Record<string, unknown>,
    result?: Partial<TaskResult>,
  ): Promise<Task>;
  fail(taskType: string, reason?: string, status?: TaskResult['status']): Promise<Task>;
  refs(id: string): Promise<string[]>;
}

/**
 * An executor on fresh memory stores with a fake clock. `queueChangesInWrites: false` makes the
 * engine apply queue changes through the queue after each write (as with the Postgres stores)
 * instead of handing them to the execution store (as with Redis).
 */
export function createHarness(
  config: ExecutorConfig = {},
  options: { queueChangesInWrites?: boolean } = {},
): Harness {
  const clock = new FakeClock();
  const stores = createMemoryStores({ clock, ...options });
  const published: Harness['published'] = [];
  const events: ExecutionEvent[] = [];
  stores.events.subscribe((e) => events.push(e));
  const http: Harness['http'] = {
    requests: [],
    respond: () => ({ statusCode: 200, reasonPhrase: 'OK', headers: {}, body: '{"ok":true}' }),
  };
  const httpCaller: HttpCaller = {
    async call(request) {
      http.requests.push(request);
      return http.respond(request);
    },
  };
  const executor = createWorkflowExecutor({
    executions: stores.executions,
    definitions: stores.definitions,
    queue: stores.queue,
    clock,
    ids: new SequentialIds(),
    evaluator: testScriptEvaluator,
    jq: testJq,
    http: httpCaller,
    eventSink: { publish: async (sink, payload) => void published.push({ sink, payload }) },
    events: stores.events,
    config,
  });
  const pollOne = async (taskType: string): Promise<Task> => {
    const [task] = await executor.pollTasks(taskType, { count: 1, workerId: 'worker-1' });
    if (!task) throw new Error(`no ${taskType} task to poll`);
    return task;
  };
  const h: Harness = {
    executor,
    stores,
    clock,
    http,
    published,
    events,
    async registerWorkflow(def) {
      const full = { name: 'wf', version: 1, schemaVersion: 2, ...def } as WorkflowDef;
      await stores.definitions.saveWorkflowDef(full, { overwrite: true });
      return full;
    },
    async registerTasks(...defs) {
      await stores.definitions.saveTaskDefs(defs);
    },
    start: (name, input = {}, version) => executor.startWorkflow({ name, input, version }),
    workflow: (id) => executor.getWorkflow(id, { includeTasks: true }),
    async task(id, ref) {
      const wf = await h.workflow(id);
      const found = [...wf.tasks].reverse().find((t) => t.referenceTaskName === ref);
      if (!found)
        throw new Error(`no task ${ref} in ${wf.tasks.map((t) => t.referenceTaskName).join(',')}`);
      return found;
    },
    async complete(taskType, output = {}, result = {}) {
      const task = await pollOne(taskType);
      await executor.updateTask({
        workflowInstanceId: task.workflowInstanceId,
        taskId: task.taskId,
        status: 'COMPLETED',
        outputData: output,
        ...result,
      });
      return task;
    },
    async fail(taskType, reason = 'boom', status = 'FAILED') {
      const task = await pollOne(taskType);
      await executor.updateTask({
        workflowInstanceId: task.workflowInstanceId,
        taskId: task.taskId,
        status,
        reasonForIncompletion: reason,
      });
      return task;
    },
    async refs(id) {
      return (await h.workflow(id)).tasks.map((t) => `${t.referenceTaskName}:${t.status}`);
    },
  };
  return h;
}

/** A SIMPLE node. */
export function simple(ref: string, name = ref, extra: Partial<WorkflowTask> = {}): WorkflowTask {
  return { name, taskReferenceName: ref, type: 'SIMPLE', ...extra };
}
