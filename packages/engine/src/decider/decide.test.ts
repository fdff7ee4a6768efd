import { beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';
import type { WorkflowDef, WorkflowTask } from '../model/workflow-def.js';
import { decide } from './decide.js';
import type { DecideContext, Outcome } from './outcome.js';

/** A context with no `${...}` resolution: inputs pass through, so these tests stand alone. */
let next = 0;
function context(now = 1_000): DecideContext {
  return {
    now,
    newId: () => `t${(next += 1)}`,
    resolveInput: (params) => ({ ...(params ?? {}) }),
    resolveValue: (value) => value,
  };
}

function workflow(
  tasks: WorkflowTask[],
  rows: Task[] = [],
  extra: Partial<WorkflowDef> = {},
): Workflow {
  return {
    workflowId: 'wf1',
    workflowName: 'wf',
    workflowVersion: 1,
    status: 'RUNNING',
    input: {},
    output: {},
    variables: {},
    tasks: rows,
    createTime: 0,
    startTime: 0,
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    priority: 0,
    workflowDefinition: { name: 'wf', tasks, ...extra },
  };
}

/** Applies an outcome's upserts to the workflow, as the executor does. */
function apply(wf: Workflow, outcome: Outcome): Workflow {
  const byId = new Map(wf.tasks.map((t) => [t.taskId, t]));
  for (const t of outcome.upserts) byId.set(t.taskId, t);
  const status = outcome.type === 'end' ? outcome.status : wf.status;
  return { ...wf, status, tasks: [...byId.values()].sort((a, b) => a.seq - b.seq) };
}

const node = (ref: string, type = 'SIMPLE', extra: Partial<WorkflowTask> = {}): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type,
  ...extra,
});

function finish(
  wf: Workflow,
  ref: string,
  status: Task['status'] = 'COMPLETED',
  outputData = {},
): Workflow {
  return {
    ...wf,
    tasks: wf.tasks.map((t) =>
      t.referenceTaskName === ref && !t.retried ? { ...t, status, outputData, endTime: 1 } : t,
    ),
  };
}

const refs = (o: Outcome): string[] => o.upserts.map((t) => `${t.referenceTaskName}:${t.status}`);

describe('decide', () => {
  beforeEach(() => {
    next = 0;
  });

  it('schedules the first task of a new workflow and nothing else', () => {
    const outcome = decide(workflow([node('a'), node('b')]), context());
    expect(outcome.type).toBe('continue');
    expect(refs(outcome)).toEqual(['a:SCHEDULED']);
    expect(outcome.upserts[0]).toMatchObject({
      seq: 1,
      taskType: 'a',
      scheduledTime: 1_000,
      retryCount: 0,
    });
  });

  it('does not mutate the workflow it is given', () => {
    const wf = apply(
      workflow([node('a'), node('b')]),
      decide(workflow([node('a'), node('b')]), context()),
    );
    const done = finish(wf, 'a');
    const snapshot = JSON.stringify(done);
    decide(done, context());
    expect(JSON.stringify(done)).toBe(snapshot);
  });

  it.each<[string, WorkflowTask[], string[]]>([
    [
      'a NOOP chain completes in one pass',
      [node('n1', 'NOOP'), node('n2', 'NOOP')],
      ['n1:COMPLETED', 'n2:COMPLETED'],
    ],
    [
      'a value-param switch schedules its case',
      [
        node('s', 'SWITCH', {
          evaluatorType: 'value-param',
          expression: 'k',
          inputParameters: { k: 'x' },
          decisionCases: { x: [node('x1')] },
        }),
      ],
      ['s:COMPLETED', 'x1:SCHEDULED'],
    ],
    [
      'a javascript switch waits for its script',
      [
        node('s', 'SWITCH', {
          evaluatorType: 'javascript',
          expression: '1',
          decisionCases: { x: [node('x1')] },
        }),
      ],
      ['s:IN_PROGRESS'],
    ],
    [
      'a fork schedules branches and its join',
      [
        node('f', 'FORK_JOIN', { forkTasks: [[node('a')], [node('b')]] }),
        node('j', 'JOIN', { joinOn: ['a', 'b'] }),
      ],
      ['f:COMPLETED', 'a:SCHEDULED', 'b:SCHEDULED', 'j:IN_PROGRESS'],
    ],
    [
      'a loop schedules its body with a suffix',
      [node('l', 'DO_WHILE', { loopCondition: 'false', loopOver: [node('b')] })],
      ['l:IN_PROGRESS', 'b__1:SCHEDULED'],
    ],
    [
      'an INLINE task waits for its script',
      [node('i', 'INLINE', { inputParameters: { expression: '1' } })],
      ['i:IN_PROGRESS'],
    ],
  ])('%s', (_name, tasks, expected) => {
    expect(refs(decide(workflow(tasks), context()))).toEqual(expected);
  });

  it('asks for the script of a javascript switch as an action', () => {
    const outcome = decide(
      workflow([
        node('s', 'SWITCH', {
          evaluatorType: 'javascript',
          expression: '$.a',
          inputParameters: { a: 1 },
        }),
      ]),
      context(),
    );
    expect(outcome.type === 'continue' && outcome.actions).toEqual([
      { type: 'script', taskId: 't1', purpose: 'switch', expression: '$.a', input: { a: 1 } },
    ]);
  });

  it('completes the workflow after the last task with the last task output', () => {
    let wf = apply(workflow([node('a')]), decide(workflow([node('a')]), context()));
    wf = finish(wf, 'a', 'COMPLETED', { x: 1 });
    const outcome = decide(wf, context());
    expect(outcome).toMatchObject({ type: 'end', status: 'COMPLETED', output: { x: 1 } });
  });

  it('creates a retry attempt with the TaskDef delay', () => {
    const def = node('a', 'SIMPLE', {
      taskDefinition: { name: 'a', retryCount: 1, retryDelaySeconds: 7 },
    });
    let wf = apply(workflow([def]), decide(workflow([def]), context()));
    wf = finish(wf, 'a', 'FAILED');
    const outcome = decide(wf, context());
    expect(refs(outcome)).toEqual(['a:FAILED', 'a:SCHEDULED']);
    expect(outcome.upserts[0]?.retried).toBe(true);
    expect(outcome.upserts[1]).toMatchObject({ retryCount: 1, callbackAfterSeconds: 7, seq: 2 });
    wf = finish(apply(wf, outcome), 'a', 'FAILED');
    expect(decide(wf, context())).toMatchObject({ type: 'end', status: 'FAILED' });
  });

  it('ends TIMED_OUT when a task times out with TIME_OUT_WF', () => {
    const def = node('a', 'SIMPLE', {
      taskDefinition: { name: 'a', timeoutSeconds: 5, responseTimeoutSeconds: 5 },
    });
    let wf = apply(workflow([def]), decide(workflow([def]), context()));
    wf = {
      ...wf,
      tasks: wf.tasks.map((t) => ({
        ...t,
        status: 'IN_PROGRESS',
        startTime: 1_000,
        updateTime: 1_000,
      })),
    };
    expect(decide(wf, context(5_999)).type).toBe('continue');
    const outcome = decide(wf, context(6_000));
    expect(outcome).toMatchObject({ type: 'end', status: 'TIMED_OUT' });
    expect(refs(outcome)).toEqual(['a:TIMED_OUT']);
  });

  it('returns nothing for a paused workflow and cancels leftovers of an ended one', () => {
    const running = apply(workflow([node('a')]), decide(workflow([node('a')]), context()));
    expect(decide({ ...running, status: 'PAUSED' }, context()).upserts).toEqual([]);
    expect(refs(decide({ ...running, status: 'FAILED' }, context()))).toEqual(['a:CANCELED']);
  });

  it('passes over a SKIPPED ref to its successor', () => {
    const wf = workflow([node('a'), node('b')]);
    const skipped = {
      ...apply(wf, decide(wf, context())).tasks[0],
      taskId: 'sk',
      referenceTaskName: 'b',
      status: 'SKIPPED',
      seq: 0,
    } as Task;
    let next = apply({ ...wf, tasks: [skipped] }, decide({ ...wf, tasks: [skipped] }, context()));
    next = finish(next, 'a');
    expect(decide(next, context())).toMatchObject({ type: 'end', status: 'COMPLETED' });
  });
});
