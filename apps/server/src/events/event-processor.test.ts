import { describe, expect, it } from 'vitest';
import { MemoryEventHandlerStore } from '@baton/engine/testing';
import type { ScriptEvaluator, StartWorkflowRequest, WorkflowExecutor } from '@baton/engine';
import {
  EVENT_MAX_ATTEMPTS,
  conditionHolds,
  processEvent,
  retryDelayMs,
  type EventProcessorDeps,
} from './event-processor.js';
import { decodeNatsPayload, splitNatsUri } from './nats-events.js';

function setup(failNames: Set<string>) {
  const starts: StartWorkflowRequest[] = [];
  const executor = {
    startWorkflow: async (request: StartWorkflowRequest) => {
      if (failNames.has(request.name)) throw new Error(`no definition ${request.name}`);
      starts.push(request);
      return `wf-${starts.length}`;
    },
  } as unknown as WorkflowExecutor;
  const evaluator: ScriptEvaluator = {
    evaluate: async (expression, input) => (expression === 'bad' ? null : input.ok),
  } as ScriptEvaluator;
  const handlers = new MemoryEventHandlerStore();
  const deps: EventProcessorDeps = {
    executor,
    handlers,
    evaluator,
    now: () => 1_000,
    log: { warn: () => {} },
  };
  return { deps, handlers, starts };
}

const start = (name: string) => ({
  action: 'start_workflow' as const,
  start_workflow: { name, input: { id: '${id}' } },
});

describe('processEvent', () => {
  it('skips on a retry the actions that already ran, and records the outcome', async () => {
    const failing = new Set(['b']);
    const { deps, handlers, starts } = setup(failing);
    await handlers.addEventHandler({
      name: 'h',
      event: 'e:x',
      active: true,
      actions: [start('a'), start('b')],
    });
    const message = { id: 'm1', event: 'e:x', payload: { id: 7 } };
    expect(await processEvent(deps, message, null)).toEqual({ type: 'retry', delayMs: 1_000 });
    const first = await handlers.getEventExecution('m1');
    expect(first).toMatchObject({ status: 'RETRYING', attempts: 1, done: ['h#0'] });
    expect(first!.errors).toEqual([
      { handler: 'h', action: 'start_workflow', index: 1, message: 'no definition b' },
    ]);
    failing.clear();
    expect(await processEvent(deps, message, first)).toEqual({ type: 'done' });
    expect(starts.map((s) => s.name)).toEqual(['a', 'b']);
    expect(starts[0]).toMatchObject({
      input: { id: 7, 'conductor.event.messageId': 'm1', 'conductor.event.name': 'e:x' },
      idempotencyKey: 'event:m1:h#0',
      idempotencyStrategy: 'RETURN_EXISTING',
    });
    expect(await handlers.getEventExecution('m1')).toMatchObject({
      status: 'COMPLETED',
      attempts: 2,
    });
  });

  it('gives up after the last try, keeping the record', async () => {
    const { deps, handlers } = setup(new Set(['b']));
    await handlers.addEventHandler({
      name: 'h',
      event: 'e:x',
      active: true,
      actions: [start('b')],
    });
    const message = { id: 'm2', event: 'e:x', payload: {} };
    const previous = {
      ...message,
      status: 'RETRYING' as const,
      attempts: EVENT_MAX_ATTEMPTS - 1,
      done: [],
      errors: [],
      createTime: 1,
      updateTime: 1,
    };
    expect(await processEvent(deps, message, previous)).toEqual({ type: 'failed' });
    expect(await handlers.getEventExecution('m2')).toMatchObject({
      status: 'FAILED',
      attempts: EVENT_MAX_ATTEMPTS,
    });
  });

  it('runs only handlers whose condition holds, and leaves no record when all went well', async () => {
    const { deps, handlers, starts } = setup(new Set());
    await handlers.addEventHandler({
      name: 'h',
      event: 'e:x',
      condition: '$.ok',
      active: true,
      actions: [start('a')],
    });
    await processEvent(deps, { id: 'm3', event: 'e:x', payload: { ok: false } }, null);
    await processEvent(deps, { id: 'm4', event: 'e:x', payload: { ok: 2 } }, null);
    expect(starts).toHaveLength(1);
    expect(await handlers.listEventExecutions({ limit: 10 })).toEqual([]);
  });
});

describe('event helpers', () => {
  it("reads conditions as Conductor's toBoolean does", () => {
    expect([true, 1, 0.5].map(conditionHolds)).toEqual([true, true, true]);
    expect([false, 0, -1, 'true', null, {}].map(conditionHolds)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('doubles the retry delay from 1 s up to 5 minutes', () => {
    expect([1, 2, 3, 20].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 300_000]);
  });

  it('splits NATS queue URIs and decodes any message body', () => {
    expect(splitNatsUri('orders')).toEqual({ subject: 'orders', group: 'baton' });
    expect(splitNatsUri('orders:g1')).toEqual({ subject: 'orders', group: 'g1' });
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(decodeNatsPayload(enc('{"a":1}'))).toEqual({ a: 1 });
    expect(decodeNatsPayload(enc('[1]'))).toEqual({ payload: [1] });
    expect(decodeNatsPayload(enc('not json'))).toEqual({ payload: 'not json' });
  });
});
