/**
 * Lifecycle log lines from the execution events: workflow start and end, task start, completion,
 * failure, time-out and retry at info, each with `workflowId` and (for tasks) `taskId`,
 * `taskType`, `referenceTaskName`, `retryCount`. Events carry no task input or output, so none is
 * ever logged. With a tapped bus each server logs what it did itself; otherwise every event of the
 * bus (one process, tests).
 * @module
 */
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus, ExecutionEvent } from '@baton/engine';
import { isTapped } from '../events/local-tap.js';

type Level = 'info' | 'debug';

/** The level, the `event` name and the message of a lifecycle event. */
export function describeEvent(event: ExecutionEvent): [Level, string, string] {
  if (event.type === 'workflow') {
    switch (event.status) {
      case 'RUNNING':
        return ['info', 'workflow.start', 'workflow running'];
      case 'COMPLETED':
        return ['info', 'workflow.complete', 'workflow completed'];
      case 'FAILED':
        return ['info', 'workflow.fail', 'workflow failed'];
      case 'TIMED_OUT':
        return ['info', 'workflow.timeout', 'workflow timed out'];
      case 'TERMINATED':
        return ['info', 'workflow.terminate', 'workflow terminated'];
      case 'PAUSED':
        return ['info', 'workflow.pause', 'workflow paused'];
    }
  }
  switch (event.status) {
    case 'SCHEDULED':
      return event.retryCount > 0
        ? ['info', 'task.retry', 'task retry scheduled']
        : ['debug', 'task.schedule', 'task scheduled'];
    case 'IN_PROGRESS':
      return ['info', 'task.start', 'task started'];
    case 'COMPLETED':
      return ['info', 'task.complete', 'task completed'];
    case 'TIMED_OUT':
      return ['info', 'task.timeout', 'task timed out'];
    case 'FAILED':
    case 'FAILED_WITH_TERMINAL_ERROR':
    case 'COMPLETED_WITH_ERRORS':
      return ['info', 'task.fail', 'task failed'];
    default:
      return ['info', `task.${event.status.toLowerCase()}`, `task ${event.status.toLowerCase()}`];
  }
}

function fields(event: ExecutionEvent, name: string): Record<string, unknown> {
  if (event.type === 'workflow') {
    return {
      event: name,
      workflowId: event.workflowId,
      workflowName: event.workflowName,
      workflowVersion: event.workflowVersion,
      status: event.status,
      ...(event.reasonForIncompletion ? { reason: event.reasonForIncompletion } : {}),
      ...(event.parentWorkflowId ? { parentWorkflowId: event.parentWorkflowId } : {}),
    };
  }
  return {
    event: name,
    workflowId: event.workflowId,
    workflowName: event.workflowName,
    taskId: event.taskId,
    taskType: event.taskType,
    referenceTaskName: event.referenceTaskName,
    status: event.status,
    retryCount: event.retryCount,
    ...(event.workerId ? { workerId: event.workerId } : {}),
  };
}

/** Logs lifecycle events to `log`; returns the function that stops it. */
export function installLifecycleLog(log: FastifyBaseLogger, events: EventBus): () => void {
  const write = (event: ExecutionEvent): void => {
    const [level, name, message] = describeEvent(event);
    if (level === 'debug' && log.level !== 'debug' && log.level !== 'trace') return;
    log[level](fields(event, name), message);
  };
  return isTapped(events) ? events.tap((batch) => batch.forEach(write)) : events.subscribe(write);
}
