import { describe, expect, it } from 'vitest';
import { BatonClient } from './client.js';
import { FakeFetch, jsonResponse, textResponse } from './testing/fake-fetch.js';
import type { EventHandler, TaskDef, WorkflowDef, WorkflowSchedule } from './types.js';

const def = { name: 'wf', version: 2, tasks: [] } as unknown as WorkflowDef;
const taskDef = { name: 't1' } as unknown as TaskDef;

type Call = (c: BatonClient) => Promise<unknown>;
interface Row {
  call: Call;
  method: string;
  path: string;
  body?: unknown;
}

const metadataRows: Array<[string, Row]> = [
  [
    'registerWorkflowDef',
    {
      call: (c) => c.metadata.registerWorkflowDef(def),
      method: 'POST',
      path: '/metadata/workflow',
      body: def,
    },
  ],
  [
    'registerWorkflowDef with overwrite',
    {
      call: (c) => c.metadata.registerWorkflowDef(def, { overwrite: true }),
      method: 'POST',
      path: '/metadata/workflow?overwrite=true',
      body: def,
    },
  ],
  [
    'updateWorkflowDefs',
    {
      call: (c) => c.metadata.updateWorkflowDefs([def]),
      method: 'PUT',
      path: '/metadata/workflow',
      body: [def],
    },
  ],
  [
    'getWorkflowDef',
    {
      call: (c) => c.metadata.getWorkflowDef('my wf'),
      method: 'GET',
      path: '/metadata/workflow/my%20wf',
    },
  ],
  [
    'getWorkflowDef with version',
    {
      call: (c) => c.metadata.getWorkflowDef('wf', 3),
      method: 'GET',
      path: '/metadata/workflow/wf?version=3',
    },
  ],
  [
    'listWorkflowDefs',
    { call: (c) => c.metadata.listWorkflowDefs(), method: 'GET', path: '/metadata/workflow' },
  ],
  [
    'listLatestWorkflowDefs',
    {
      call: (c) => c.metadata.listLatestWorkflowDefs(),
      method: 'GET',
      path: '/metadata/workflow/latest-versions',
    },
  ],
  [
    'getNamesAndVersions',
    {
      call: (c) => c.metadata.getNamesAndVersions(),
      method: 'GET',
      path: '/metadata/workflow/names-and-versions',
    },
  ],
  [
    'deleteWorkflowDef',
    {
      call: (c) => c.metadata.deleteWorkflowDef('wf', 2),
      method: 'DELETE',
      path: '/metadata/workflow/wf/2',
    },
  ],
  [
    'getWorkflowTests',
    {
      call: (c) => c.metadata.getWorkflowTests('my wf'),
      method: 'GET',
      path: '/metadata/workflow/my%20wf/tests',
    },
  ],
  [
    'saveWorkflowTests',
    {
      call: (c) => c.metadata.saveWorkflowTests('wf', [{ name: 'a' }]),
      method: 'PUT',
      path: '/metadata/workflow/wf/tests',
      body: { testCases: [{ name: 'a' }] },
    },
  ],
  [
    'validateWorkflowDef',
    {
      call: (c) => c.metadata.validateWorkflowDef(def),
      method: 'POST',
      path: '/metadata/workflow/validate',
      body: def,
    },
  ],
  [
    'registerTaskDefs',
    {
      call: (c) => c.metadata.registerTaskDefs([taskDef]),
      method: 'POST',
      path: '/metadata/taskdefs',
      body: [taskDef],
    },
  ],
  [
    'updateTaskDef',
    {
      call: (c) => c.metadata.updateTaskDef(taskDef),
      method: 'PUT',
      path: '/metadata/taskdefs',
      body: taskDef,
    },
  ],
  [
    'getTaskDef',
    { call: (c) => c.metadata.getTaskDef('t1'), method: 'GET', path: '/metadata/taskdefs/t1' },
  ],
  [
    'listTaskDefs',
    { call: (c) => c.metadata.listTaskDefs(), method: 'GET', path: '/metadata/taskdefs' },
  ],
  [
    'deleteTaskDef',
    {
      call: (c) => c.metadata.deleteTaskDef('t1'),
      method: 'DELETE',
      path: '/metadata/taskdefs/t1',
    },
  ],
];

const ids = ['a', 'b'];
const workflowRows: Array<[string, Row]> = [
  [
    'start',
    {
      call: (c) => c.workflows.start({ name: 'wf', input: { x: 1 } }),
      method: 'POST',
      path: '/workflow',
      body: { name: 'wf', input: { x: 1 } },
    },
  ],
  [
    'startByName',
    {
      call: (c) =>
        c.workflows.startByName('wf', { x: 1 }, { version: 2, correlationId: 'c 1', priority: 5 }),
      method: 'POST',
      path: '/workflow/wf?version=2&correlationId=c+1&priority=5',
      body: { x: 1 },
    },
  ],
  ['get', { call: (c) => c.workflows.get('w1'), method: 'GET', path: '/workflow/w1' }],
  [
    'get without tasks',
    {
      call: (c) => c.workflows.get('w1', { includeTasks: false }),
      method: 'GET',
      path: '/workflow/w1?includeTasks=false',
    },
  ],
  [
    'getStatus',
    {
      call: (c) => c.workflows.getStatus('w1', { includeOutput: true }),
      method: 'GET',
      path: '/workflow/w1/status?includeOutput=true',
    },
  ],
  ['pause', { call: (c) => c.workflows.pause('w1'), method: 'PUT', path: '/workflow/w1/pause' }],
  ['resume', { call: (c) => c.workflows.resume('w1'), method: 'PUT', path: '/workflow/w1/resume' }],
  [
    'terminate',
    {
      call: (c) => c.workflows.terminate('w1', 'no longer needed'),
      method: 'DELETE',
      path: '/workflow/w1?reason=no+longer+needed',
    },
  ],
  [
    'restart',
    {
      call: (c) => c.workflows.restart('w1', { useLatestDefinitions: true }),
      method: 'POST',
      path: '/workflow/w1/restart?useLatestDefinitions=true',
    },
  ],
  [
    'retry',
    {
      call: (c) => c.workflows.retry('w1', { resumeSubworkflowTasks: true }),
      method: 'POST',
      path: '/workflow/w1/retry?resumeSubworkflowTasks=true',
    },
  ],
  [
    'rerun',
    {
      call: (c) => c.workflows.rerun('w1', { reRunFromTaskId: 't9' }),
      method: 'POST',
      path: '/workflow/w1/rerun',
      body: { reRunFromTaskId: 't9' },
    },
  ],
  [
    'skipTask',
    {
      call: (c) => c.workflows.skipTask('w1', 'ref', { taskOutput: { k: 1 } }),
      method: 'PUT',
      path: '/workflow/w1/skiptask/ref',
      body: { taskOutput: { k: 1 } },
    },
  ],
  [
    'remove',
    { call: (c) => c.workflows.remove('w1'), method: 'DELETE', path: '/workflow/w1/remove' },
  ],
  [
    'resetCallbacks',
    {
      call: (c) => c.workflows.resetCallbacks('w1'),
      method: 'POST',
      path: '/workflow/w1/resetcallbacks',
    },
  ],
  ['decide', { call: (c) => c.workflows.decide('w1'), method: 'PUT', path: '/workflow/decide/w1' }],
  [
    'search',
    {
      call: (c) =>
        c.workflows.search({
          start: 10,
          size: 5,
          sort: ['startTime:DESC', 'workflowId:ASC'],
          freeText: 'x',
          query: 'status IN (RUNNING)',
        }),
      method: 'GET',
      path: '/workflow/search?start=10&size=5&sort=startTime%3ADESC%7CworkflowId%3AASC&freeText=x&query=status+IN+%28RUNNING%29',
    },
  ],
  [
    'searchV2',
    {
      call: (c) => c.workflows.searchV2({ sort: 'startTime:ASC' }),
      method: 'GET',
      path: '/workflow/search-v2?sort=startTime%3AASC',
    },
  ],
  [
    'running',
    {
      call: (c) => c.workflows.running('wf', 2),
      method: 'GET',
      path: '/workflow/running/wf?version=2',
    },
  ],
  [
    'byCorrelationId',
    {
      call: (c) =>
        c.workflows.byCorrelationId('wf', 'c/1', { includeClosed: true, includeTasks: true }),
      method: 'GET',
      path: '/workflow/wf/correlated/c%2F1?includeClosed=true&includeTasks=true',
    },
  ],
  [
    'bulkPause',
    {
      call: (c) => c.workflows.bulkPause(ids),
      method: 'PUT',
      path: '/workflow/bulk/pause',
      body: ids,
    },
  ],
  [
    'bulkResume',
    {
      call: (c) => c.workflows.bulkResume(ids),
      method: 'PUT',
      path: '/workflow/bulk/resume',
      body: ids,
    },
  ],
  [
    'bulkTerminate',
    {
      call: (c) => c.workflows.bulkTerminate(ids, 'why'),
      method: 'POST',
      path: '/workflow/bulk/terminate?reason=why',
      body: ids,
    },
  ],
  [
    'bulkRestart',
    {
      call: (c) => c.workflows.bulkRestart(ids, { useLatestDefinitions: false }),
      method: 'POST',
      path: '/workflow/bulk/restart?useLatestDefinitions=false',
      body: ids,
    },
  ],
  [
    'bulkRetry',
    {
      call: (c) => c.workflows.bulkRetry(ids),
      method: 'POST',
      path: '/workflow/bulk/retry',
      body: ids,
    },
  ],
];

const surfaceRows: Array<[string, Row]> = [
  [
    'execute',
    {
      call: (c) =>
        c.workflows.execute(
          'my wf',
          0,
          { input: { a: 1 } },
          {
            requestId: 'r1',
            waitUntilTaskRef: ['a_ref', 'b_ref'],
            waitForSeconds: 5,
            returnStrategy: 'BLOCKING_TASK',
          },
        ),
      method: 'POST',
      path: '/workflow/execute/my%20wf/0?requestId=r1&waitUntilTaskRef=a_ref%2Cb_ref&waitForSeconds=5&returnStrategy=BLOCKING_TASK',
      body: { input: { a: 1 } },
    },
  ],
  [
    'test',
    {
      call: (c) =>
        c.workflows.test({ name: 'wf', taskRefToMockOutput: { a: [{ output: { x: 1 } }] } }),
      method: 'POST',
      path: '/workflow/test',
      body: { name: 'wf', taskRefToMockOutput: { a: [{ output: { x: 1 } }] } },
    },
  ],
  [
    'bulkTerminateRemove',
    {
      call: (c) => c.workflows.bulkTerminateRemove(['a', 'b'], { reason: 'r' }),
      method: 'DELETE',
      path: '/workflow/bulk/terminate-remove?reason=r',
      body: ['a', 'b'],
    },
  ],
  [
    'bulkSearch',
    {
      call: (c) => c.workflows.bulkSearch(['a'], { includeTasks: false }),
      method: 'POST',
      path: '/workflow/bulk/search?includeTasks=false',
      body: ['a'],
    },
  ],
  [
    'tasks.search',
    {
      call: (c) => c.tasks.search({ query: "taskType = 'x'", size: 5, sort: ['startTime:DESC'] }),
      method: 'GET',
      path: '/tasks/search?size=5&sort=startTime%3ADESC&query=taskType+%3D+%27x%27',
    },
  ],
  ['tasks.searchV2', { call: (c) => c.tasks.searchV2(), method: 'GET', path: '/tasks/search-v2' }],
  [
    'token',
    {
      call: (c) => c.token('id', 'secret', 60_000),
      method: 'POST',
      path: '/token',
      body: { keyId: 'id', keySecret: 'secret', expiration: 60_000 },
    },
  ],
];

const taskRows: Array<[string, Row]> = [
  [
    'poll',
    {
      call: (c) => c.tasks.poll('t1', { workerId: 'w', domain: 'd' }),
      method: 'GET',
      path: '/tasks/poll/t1?workerid=w&domain=d',
    },
  ],
  [
    'batchPoll',
    {
      call: (c) => c.tasks.batchPoll('t1', { count: 5, timeout: 1000, workerId: 'w' }),
      method: 'GET',
      path: '/tasks/poll/batch/t1?workerid=w&count=5&timeout=1000',
    },
  ],
  [
    'update',
    {
      call: (c) =>
        c.tasks.update({
          workflowInstanceId: 'w1',
          taskId: 'k',
          status: 'COMPLETED',
          outputData: { a: 1 },
        }),
      method: 'POST',
      path: '/tasks',
      body: { workflowInstanceId: 'w1', taskId: 'k', status: 'COMPLETED', outputData: { a: 1 } },
    },
  ],
  [
    'updateV2',
    {
      call: (c) => c.tasks.updateV2({ workflowInstanceId: 'w1', taskId: 'k', status: 'COMPLETED' }),
      method: 'POST',
      path: '/tasks/update-v2',
      body: { workflowInstanceId: 'w1', taskId: 'k', status: 'COMPLETED' },
    },
  ],
  [
    'updateByRef',
    {
      call: (c) => c.tasks.updateByRef('w1', 'ref', 'FAILED', { e: 1 }, 'wk'),
      method: 'POST',
      path: '/tasks/w1/ref/FAILED?workerid=wk',
      body: { e: 1 },
    },
  ],
  ['get', { call: (c) => c.tasks.get('k'), method: 'GET', path: '/tasks/k' }],
  ['getLogs', { call: (c) => c.tasks.getLogs('k'), method: 'GET', path: '/tasks/k/log' }],
  [
    'queueSizes',
    {
      call: (c) => c.tasks.queueSizes(['a', 'b']),
      method: 'GET',
      path: '/tasks/queue/sizes?taskType=a&taskType=b',
    },
  ],
  [
    'allQueueSizes',
    { call: (c) => c.tasks.allQueueSizes(), method: 'GET', path: '/tasks/queue/all' },
  ],
  [
    'pollData',
    {
      call: (c) => c.tasks.pollData('t1'),
      method: 'GET',
      path: '/tasks/queue/polldata?taskType=t1',
    },
  ],
  [
    'allPollData',
    { call: (c) => c.tasks.allPollData(), method: 'GET', path: '/tasks/queue/polldata/all' },
  ],
];

const handler = {
  name: 'h1',
  event: 'conductor:wf:ev',
  actions: [{ action: 'start_workflow' }],
} as unknown as EventHandler;

const eventHandlerRows: Array<[string, Row]> = [
  [
    'add',
    { call: (c) => c.eventHandlers.add(handler), method: 'POST', path: '/event', body: handler },
  ],
  [
    'update',
    { call: (c) => c.eventHandlers.update(handler), method: 'PUT', path: '/event', body: handler },
  ],
  ['list', { call: (c) => c.eventHandlers.list(), method: 'GET', path: '/event' }],
  [
    'forEvent',
    {
      call: (c) => c.eventHandlers.forEvent('conductor:wf/x:ev', false),
      method: 'GET',
      path: '/event/conductor%3Awf%2Fx%3Aev?activeOnly=false',
    },
  ],
  [
    'remove',
    { call: (c) => c.eventHandlers.remove('my h'), method: 'DELETE', path: '/event/my%20h' },
  ],
  [
    'executions',
    {
      call: (c) => c.eventHandlers.executions({ status: 'FAILED', limit: 5 }),
      method: 'GET',
      path: '/event/executions?status=FAILED&limit=5',
    },
  ],
];

const sched = {
  name: 's1',
  cronExpression: '0 0 9 * * MON-FRI',
  startWorkflowRequest: { name: 'wf' },
} as unknown as WorkflowSchedule;

const scheduleRows: Array<[string, Row]> = [
  [
    'save',
    {
      call: (c) => c.schedules.save(sched),
      method: 'POST',
      path: '/scheduler/schedules',
      body: sched,
    },
  ],
  [
    'list',
    {
      call: (c) => c.schedules.list('wf'),
      method: 'GET',
      path: '/scheduler/schedules?workflowName=wf',
    },
  ],
  [
    'get',
    { call: (c) => c.schedules.get('a/b'), method: 'GET', path: '/scheduler/schedules/a%2Fb' },
  ],
  [
    'remove',
    {
      call: (c) => c.schedules.remove('s 1'),
      method: 'DELETE',
      path: '/scheduler/schedules/s%201',
    },
  ],
  [
    'pause',
    {
      call: (c) => c.schedules.pause('s1', 'why'),
      method: 'PUT',
      path: '/scheduler/schedules/s1/pause?reason=why',
    },
  ],
  [
    'resume',
    {
      call: (c) => c.schedules.resume('s1'),
      method: 'PUT',
      path: '/scheduler/schedules/s1/resume',
    },
  ],
  [
    'nextTimes',
    {
      call: (c) => c.schedules.nextTimes('0 * * * * *', { zoneId: 'UTC', limit: 5 }),
      method: 'GET',
      path: '/scheduler/nextFewSchedules?cronExpression=0+*+*+*+*+*&zoneId=UTC&limit=5',
    },
  ],
  [
    'executions',
    {
      call: (c) => c.schedules.executions({ scheduleName: 's1', size: 10 }),
      method: 'GET',
      path: '/scheduler/search/executions?query=scheduleName%3D%27s1%27&size=10',
    },
  ],
];

describe.each([
  ['metadata', metadataRows],
  ['workflows', workflowRows],
  ['tasks', taskRows],
  ['surface', surfaceRows],
  ['eventHandlers', eventHandlerRows],
  ['schedules', scheduleRows],
])('BatonClient.%s', (_group, rows) => {
  it.each(rows)('%s sends the right method, path, query and body', async (_name, row) => {
    const fake = new FakeFetch(() => jsonResponse({ ok: true }));
    await row.call(new BatonClient({ baseUrl: 'http://h', fetch: fake.fetch }));
    expect(fake.requests).toHaveLength(1);
    expect(fake.last.method).toBe(row.method);
    expect(fake.last.path).toBe(row.path);
    if (row.body === undefined) {
      expect(fake.last.body).toBeUndefined();
      expect(fake.last.headers['content-type']).toBeUndefined();
    } else {
      expect(JSON.parse(fake.last.body ?? 'null')).toEqual(row.body);
      expect(fake.last.headers['content-type']).toBe('application/json');
    }
  });
});

describe('BatonClient response handling', () => {
  const make = (fake: FakeFetch) => new BatonClient({ baseUrl: 'http://h', fetch: fake.fetch });

  it('returns the workflow id of a start from a text/plain body', async () => {
    const fake = new FakeFetch().reply(textResponse('3f1c-id'), textResponse('4a2d-id'));
    expect(await make(fake).workflows.start({ name: 'wf' })).toBe('3f1c-id');
    expect(await make(fake).workflows.startByName('wf')).toBe('4a2d-id');
    expect(JSON.parse(fake.last.body ?? '')).toEqual({});
  });

  it('resolves void endpoints on empty 200 and 204 bodies', async () => {
    const fake = new FakeFetch().reply(
      new Response('', { status: 200 }),
      new Response(null, { status: 204 }),
    );
    await expect(make(fake).workflows.pause('w')).resolves.toBeUndefined();
    await expect(make(fake).workflows.restart('w')).resolves.toBeUndefined();
  });

  it('returns null from a single poll answered with 204 and the task otherwise', async () => {
    const task = { taskId: 'k', taskType: 't1' };
    const fake = new FakeFetch().reply(new Response(null, { status: 204 }), jsonResponse(task));
    expect(await make(fake).tasks.poll('t1')).toBeNull();
    expect(await make(fake).tasks.poll('t1')).toEqual(task);
  });

  it('returns the tasks of a batch poll, and [] for an empty list or an empty body', async () => {
    const fake = new FakeFetch().reply(
      jsonResponse([{ taskId: 'a' }, { taskId: 'b' }]),
      jsonResponse([]),
      new Response(null, { status: 204 }),
    );
    expect((await make(fake).tasks.batchPoll('t1')).map((t) => t.taskId)).toEqual(['a', 'b']);
    expect(await make(fake).tasks.batchPoll('t1')).toEqual([]);
    expect(await make(fake).tasks.batchPoll('t1')).toEqual([]);
  });

  it('returns the task id of an update from a text/plain body', async () => {
    const fake = new FakeFetch().reply(textResponse('task-7'));
    expect(
      await make(fake).tasks.update({
        workflowInstanceId: 'w',
        taskId: 'task-7',
        status: 'COMPLETED',
      }),
    ).toBe('task-7');
  });

  it('sends a task log line as a raw text/plain body', async () => {
    const fake = new FakeFetch();
    await make(fake).tasks.addLog('k', 'step "one" done');
    expect(fake.last).toMatchObject({
      method: 'POST',
      path: '/tasks/k/log',
      body: 'step "one" done',
    });
    expect(fake.last.headers['content-type']).toBe('text/plain');
  });

  it('treats an empty task log answer (204) as no logs', async () => {
    const fake = new FakeFetch().reply(new Response(null, { status: 204 }));
    expect(await make(fake).tasks.getLogs('k')).toEqual([]);
  });

  it('reports TASK_NOT_FOUND when a task read answers 204 (Conductor NFX)', async () => {
    const fake = new FakeFetch().reply(new Response(null, { status: 204 }));
    await expect(make(fake).tasks.get('k')).rejects.toMatchObject({
      status: 404,
      code: 'TASK_NOT_FOUND',
    });
  });

  it('returns bulk results as sent', async () => {
    const bulk = { bulkSuccessfulResults: ['a'], bulkErrorResults: { b: 'Workflow b not found' } };
    const fake = new FakeFetch().reply(jsonResponse(bulk));
    expect(await make(fake).workflows.bulkPause(['a', 'b'])).toEqual(bulk);
  });
});
