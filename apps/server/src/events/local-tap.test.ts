import { describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '@baton/engine';
import { createMetrics } from '../plugins/metrics.js';
import { createInProcessEventBus } from './in-process-event-bus.js';
import { isTapped, tapEventBus } from './local-tap.js';

const finished = (workflowName: string): ExecutionEvent => ({
  type: 'workflow',
  workflowId: `${workflowName}-id`,
  workflowName,
  workflowVersion: 1,
  status: 'COMPLETED',
  time: 1,
  parentWorkflowId: null,
  reasonForIncompletion: null,
});
const queue = { sizes: async () => ({}) } as unknown as Parameters<typeof createMetrics>[0];

describe('tapEventBus', () => {
  it('tells taps about local publishes and still delivers through the bus', async () => {
    const shared = createInProcessEventBus();
    const bus = tapEventBus(shared);
    const tapped: ExecutionEvent[] = [];
    const subscribed: ExecutionEvent[] = [];
    const stop = bus.tap((events) => tapped.push(...events));
    bus.subscribe((event) => subscribed.push(event));
    await bus.publish([finished('a')]);
    // Another server's publish reaches subscribers only.
    await shared.publish([finished('b')]);
    stop();
    await bus.publish([finished('c')]);
    expect(tapped.map((e) => e.type === 'workflow' && e.workflowName)).toEqual(['a']);
    expect(subscribed.map((e) => e.type === 'workflow' && e.workflowName)).toEqual(['a', 'b', 'c']);
    expect(isTapped(bus)).toBe(true);
    expect(isTapped(shared)).toBe(false);
  });

  it("lets metrics count only this server's completions", async () => {
    const shared = createInProcessEventBus();
    const bus = tapEventBus(shared);
    const metrics = createMetrics(queue, bus);
    await bus.publish([finished('mine')]);
    await shared.publish([finished('theirs')]);
    const text = await metrics.registry.metrics();
    metrics.close();
    expect(text).toMatch(/baton_workflow_completions_total\{name="mine",status="COMPLETED"\} 1/);
    expect(text).not.toMatch(/name="theirs"/);
  });
});
