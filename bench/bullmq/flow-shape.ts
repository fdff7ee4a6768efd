/**
 * The benchmark workflow as a BullMQ flow: the same 13 steps in sequence, the 7th being a
 * "sub-workflow" (a parent job in its own queue whose one child is the sub-workflow's step).
 * BullMQ runs children before parents, so the chain is built from the last step down to the first:
 * step_1 → … → step_6 → sub_step → sub → step_7 → … → step_12 (14 jobs, 13 of them steps).
 * @module
 */
import type { FlowJob } from 'bullmq';

/** Queues of the flow, in execution order. */
export const FLOW_QUEUES: readonly string[] = [
  ...Array.from({ length: 6 }, (_, i) => `bench_step_${i + 1}`),
  'bench_sub_step',
  'bench_sub',
  ...Array.from({ length: 6 }, (_, i) => `bench_step_${i + 7}`),
];

/** The queue whose completion completes the flow. */
export const ROOT_QUEUE = FLOW_QUEUES[FLOW_QUEUES.length - 1] ?? '';

/** Jobs per flow. */
export const JOBS_PER_FLOW = FLOW_QUEUES.length;

const JOB_OPTS = { removeOnComplete: true, removeOnFail: true };

/** Builds one flow; every job carries `payload` as its input. */
export function buildFlow(payload: string, prefix: string): FlowJob {
  let node: FlowJob | undefined;
  for (const queueName of FLOW_QUEUES) {
    node = {
      name: queueName,
      queueName,
      prefix,
      data: { data: payload },
      opts: JOB_OPTS,
      ...(node ? { children: [node] } : {}),
    };
  }
  if (!node) throw new Error('empty flow');
  return node;
}
