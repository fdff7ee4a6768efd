import { describe, expect, it } from 'vitest';
import type { FlowJob } from 'bullmq';
import { buildFlow, JOBS_PER_FLOW, ROOT_QUEUE } from './flow-shape.js';

function chain(flow: FlowJob): string[] {
  const out: string[] = [];
  let node: FlowJob | undefined = flow;
  while (node) {
    out.push(node.queueName);
    node = node.children?.[0];
  }
  return out;
}

describe('buildFlow', () => {
  it('chains 14 jobs with the last step at the root and the first step as the leaf', () => {
    const queues = chain(buildFlow('x', 'p'));
    expect(queues).toHaveLength(JOBS_PER_FLOW);
    expect(queues[0]).toBe(ROOT_QUEUE);
    expect(queues[queues.length - 1]).toBe('bench_step_1');
  });

  it('runs the sub-workflow step before its parent, between steps 6 and 7', () => {
    const order = chain(buildFlow('x', 'p')).reverse();
    expect(order.slice(5, 9)).toEqual([
      'bench_step_6',
      'bench_sub_step',
      'bench_sub',
      'bench_step_7',
    ]);
  });
});
