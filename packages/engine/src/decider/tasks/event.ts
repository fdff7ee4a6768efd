/**
 * EVENT (docs/conductor-compatibility.md#event): publishes its input to the EventSink port, then
 * completes (or stays IN_PROGRESS when asyncComplete).
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import type { ActionResult, SystemAction } from '../outcome.js';
import { createTask, endPatch, resolveNodeInput, type MapContext } from '../task-factory.js';

export function mapEvent(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const taskId = m.ctx.newId();
  const view = m.draft.view();
  const sink = String(m.ctx.resolveValue(node.sink ?? '', view) ?? '');
  const queue = eventQueueName(sink, view.workflowName, node.taskReferenceName);
  const inputData = {
    ...resolveNodeInput(m, node, taskId),
    sink,
    workflowInstanceId: view.workflowId,
    workflowType: view.workflowName,
    workflowVersion: view.workflowVersion,
    correlationId: view.correlationId ?? null,
    taskToDomain: view.taskToDomain ?? {},
    event_produced: queue,
  };
  return [
    createTask(m, node, suffix, { taskId, taskType: 'EVENT', status: 'SCHEDULED', inputData }),
  ];
}

/** `conductor` → `conductor:<workflow>:<ref>`; `conductor:<q>` → `conductor:<workflow>:<q>`; others as given. */
export function eventQueueName(sink: string, workflowName: string, ref: string): string {
  if (sink === 'conductor') return `conductor:${workflowName}:${ref}`;
  if (sink.startsWith('conductor:')) return `conductor:${workflowName}:${sink.slice(10)}`;
  return sink;
}

export function eventAction(task: Task): SystemAction {
  const { sink: _sink, ...payload } = task.inputData;
  return {
    type: 'publish',
    taskId: task.taskId,
    sink: String(task.inputData.event_produced ?? task.inputData.sink ?? ''),
    payload,
  };
}

export function applyEventResult(task: Task, result: ActionResult, now: number): Partial<Task> {
  if (result.type === 'error') {
    return endPatch(now, 'FAILED', { reasonForIncompletion: result.message });
  }
  const { sink: _sink, ...outputData } = task.inputData;
  if (task.workflowTask.asyncComplete) {
    return { status: 'IN_PROGRESS', startTime: now, updateTime: now, outputData };
  }
  return endPatch(now, 'COMPLETED', { outputData });
}
