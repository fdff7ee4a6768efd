import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '../model/workflow-def.js';
import { createHarness, simple } from './harness.testkit.js';

const join = (ref: string, joinOn: string[] = []): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type: 'JOIN',
  joinOn,
});

describe('FORK_JOIN_DYNAMIC', () => {
  it('forks from dynamicForkTasksParam + dynamicForkTasksInputParamName', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'dyn',
          taskReferenceName: 'dyn',
          type: 'FORK_JOIN_DYNAMIC',
          dynamicForkTasksParam: 'tasks',
          dynamicForkTasksInputParamName: 'inputs',
          inputParameters: { tasks: '${workflow.input.tasks}', inputs: '${workflow.input.inputs}' },
        },
        join('j'),
      ],
    });
    const id = await h.start('wf', {
      tasks: [simple('x1', 'work'), simple('x2', 'work')],
      inputs: { x1: { n: 1 }, x2: { n: 2 } },
    });
    expect(await h.refs(id)).toEqual([
      'dyn:COMPLETED',
      'x1:SCHEDULED',
      'x2:SCHEDULED',
      'j:IN_PROGRESS',
    ]);
    expect((await h.task(id, 'j')).inputData.joinOn).toEqual(['x1', 'x2']);
    const first = await h.complete('work', { r: 1 });
    expect(first.inputData).toEqual({ n: 1 });
    await h.complete('work', { r: 2 });
    expect((await h.task(id, 'j')).outputData).toEqual({ x1: { r: 1 }, x2: { r: 2 } });
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('forks the same task over forkTaskInputs with generated refs and __index', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'dyn',
          taskReferenceName: 'dyn',
          type: 'FORK_JOIN_DYNAMIC',
          inputParameters: { forkTaskName: 'work', forkTaskInputs: [{ a: 1 }, 'plain'] },
        },
        join('j'),
      ],
    });
    const id = await h.start('wf');
    expect(await h.refs(id)).toEqual([
      'dyn:COMPLETED',
      '_work_0:SCHEDULED',
      '_work_1:SCHEDULED',
      'j:IN_PROGRESS',
    ]);
    expect((await h.task(id, '_work_0')).inputData).toEqual({ a: 1, __index: 0 });
    expect((await h.task(id, '_work_1')).inputData).toEqual({ input: 'plain', __index: 1 });
  });

  it('forks from the legacy dynamicForkJoinTasksParam form', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'dyn',
          taskReferenceName: 'dyn',
          type: 'FORK_JOIN_DYNAMIC',
          dynamicForkJoinTasksParam: 'dt',
          inputParameters: {
            dt: { dynamicTasks: [{ taskName: 'work', taskReferenceName: 'l1', input: { q: 1 } }] },
          },
        },
        join('j'),
      ],
    });
    const id = await h.start('wf');
    expect((await h.task(id, 'l1')).inputData).toEqual({ q: 1 });
    await h.complete('work');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('completes at once with zero branches, and fails on a non-map input', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'dyn',
          taskReferenceName: 'dyn',
          type: 'FORK_JOIN_DYNAMIC',
          dynamicForkTasksParam: 'tasks',
          dynamicForkTasksInputParamName: 'inputs',
          inputParameters: { tasks: '${workflow.input.tasks}', inputs: '${workflow.input.inputs}' },
        },
        join('j'),
      ],
    });
    const empty = await h.workflow(await h.start('wf', { tasks: [], inputs: {} }));
    expect(empty.status).toBe('COMPLETED');
    const bad = await h.workflow(
      await h.start('wf', { tasks: [simple('x', 'work')], inputs: [1] }),
    );
    expect(bad.status).toBe('FAILED');
    expect(bad.reasonForIncompletion).toMatch(
      /^Input to the dynamically forked tasks is not a map/,
    );
  });
});

describe('DYNAMIC', () => {
  const def = [
    {
      name: 'd',
      taskReferenceName: 'd',
      type: 'DYNAMIC',
      dynamicTaskNameParam: 'which',
      inputParameters: { which: '${workflow.input.which}' },
    },
  ];

  it('queues the task under the name from the input, with that TaskDef', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'resize', retryCount: 0 });
    await h.registerWorkflow({ tasks: def });
    const id = await h.start('wf', { which: 'resize' });
    const task = await h.task(id, 'd');
    expect([task.taskType, task.taskDefName, task.taskDefinition?.retryCount]).toEqual([
      'resize',
      'resize',
      0,
    ]);
    await h.complete('resize');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('fails the workflow when the name is missing or has no TaskDef', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: def });
    const missing = await h.workflow(await h.start('wf', {}));
    expect(missing.reasonForIncompletion).toMatch(
      /^Cannot map a dynamic task based on the parameter and input/,
    );
    const unknown = await h.workflow(await h.start('wf', { which: 'nope' }));
    expect(unknown.status).toBe('FAILED');
    expect(unknown.reasonForIncompletion).toBe(
      'Invalid task specified.  Cannot find task by name nope in the task definitions',
    );
  });
});

describe('DO_WHILE', () => {
  const loop = (body: WorkflowTask[], condition = '$.loop.iteration < $.max'): WorkflowTask => ({
    name: 'loop',
    taskReferenceName: 'loop',
    type: 'DO_WHILE',
    loopCondition: condition,
    inputParameters: { max: '${workflow.input.max}' },
    loopOver: body,
  });

  it('runs the body max times with __N suffixes and records each iteration', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        loop([
          simple('a', 'a', { inputParameters: { i: '${loop.output.iteration}' } }),
          simple('b'),
        ]),
        simple('after'),
      ],
    });
    const id = await h.start('wf', { max: 3 });
    for (let i = 1; i <= 3; i += 1) {
      const a = await h.complete('a', { i });
      expect(a.referenceTaskName).toBe(`a__${i}`);
      expect(a.inputData.i).toBe(i);
      await h.complete('b');
    }
    await h.complete('after');
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    const loopTask = await h.task(id, 'loop');
    expect(loopTask.outputData.iteration).toBe(3);
    expect(loopTask.outputData['2']).toEqual({ a: { i: 2 }, b: {} });
    expect(wf.tasks.filter((t) => t.iteration === 2).map((t) => t.referenceTaskName)).toEqual([
      'a__2',
      'b__2',
    ]);
  });

  it('runs a fork and a switch inside the body in every iteration', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        loop([
          {
            name: 'f',
            taskReferenceName: 'f',
            type: 'FORK_JOIN',
            forkTasks: [[simple('x')], [simple('y')]],
          },
          join('j', ['x', 'y']),
          {
            name: 'sw',
            taskReferenceName: 'sw',
            type: 'SWITCH',
            evaluatorType: 'javascript',
            expression: '$.it > 1 ? "late" : "early"',
            inputParameters: { it: '${loop.output.iteration}' },
            decisionCases: { early: [simple('early')], late: [simple('late')] },
          },
        ]),
      ],
    });
    const id = await h.start('wf', { max: 2 });
    await h.complete('x');
    await h.complete('y');
    expect((await h.task(id, 'j__1')).status).toBe('COMPLETED');
    await h.complete('early');
    await h.complete('x');
    await h.complete('y');
    await h.complete('late');
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    expect(wf.tasks.map((t) => t.referenceTaskName)).toEqual([
      'loop',
      'f__1',
      'x__1',
      'y__1',
      'j__1',
      'sw__1',
      'early__1',
      'f__2',
      'x__2',
      'y__2',
      'j__2',
      'sw__2',
      'late__2',
    ]);
  });

  it('gives tasks of a loop nested in a loop a composite suffix', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'outer',
          taskReferenceName: 'outer',
          type: 'DO_WHILE',
          loopCondition: '$.outer.iteration < 2',
          loopOver: [
            {
              name: 'inner',
              taskReferenceName: 'inner',
              type: 'DO_WHILE',
              loopCondition: '$.inner.iteration < 2',
              loopOver: [simple('s')],
            },
            simple('tail'),
          ],
        },
      ],
    });
    const id = await h.start('wf');
    const seen: string[] = [];
    for (let outer = 0; outer < 2; outer += 1) {
      seen.push((await h.complete('s')).referenceTaskName);
      seen.push((await h.complete('s')).referenceTaskName);
      seen.push((await h.complete('tail')).referenceTaskName);
    }
    expect(seen).toEqual(['s__1_1', 's__1_2', 'tail__1', 's__2_1', 's__2_2', 'tail__2']);
    expect((await h.task(id, 'inner__2')).outputData.iteration).toBe(2);
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('fails the loop with a terminal error when the condition throws', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [loop([simple('a')], 'boom()')] });
    const id = await h.start('wf', { max: 1 });
    await h.complete('a');
    const wf = await h.workflow(id);
    expect((await h.task(id, 'loop')).status).toBe('FAILED_WITH_TERMINAL_ERROR');
    expect(wf.status).toBe('FAILED');
  });
});
