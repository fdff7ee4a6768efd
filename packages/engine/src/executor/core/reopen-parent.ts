/**
 * When a child workflow runs again (restart, retry, rerun), its parent's SUB_WORKFLOW task goes
 * back to IN_PROGRESS and an ended parent goes back to RUNNING, up the whole chain, so the child's
 * completion can finish the parents (docs/conductor-compatibility.md#operator-actions).
 * @module
 */
import { isBatonError } from '../../errors.js';
import { isTerminalTaskStatus, isTerminalWorkflowStatus } from '../../model/status.js';
import type { Workflow } from '../../model/workflow.js';
import type { Engine } from './engine.js';
import { findTask, patchWorkflow, putTask, withExecution } from './session.js';

const RESET_IN_PLACE = new Set(['JOIN', 'DO_WHILE', 'EXCLUSIVE_JOIN']);

export async function reopenParent(engine: Engine, child: Workflow): Promise<void> {
  const parentId = child.parentWorkflowId;
  const taskId = child.parentWorkflowTaskId;
  if (!parentId || !taskId) return;
  let grandparent: Workflow | null = null;
  try {
    await withExecution(engine, parentId, async (session) => {
      grandparent = null;
      const task = findTask(session, taskId);
      if (!task || !isTerminalTaskStatus(task.status) || task.retried) return;
      const now = engine.deps.clock.now();
      putTask(session, {
        ...task,
        status: 'IN_PROGRESS',
        endTime: 0,
        executed: false,
        reasonForIncompletion: null,
        subWorkflowId: child.workflowId,
        updateTime: now,
      });
      if (!isTerminalWorkflowStatus(session.workflow.status)) return;
      for (const other of session.workflow.tasks) {
        if (other.status === 'CANCELED' && RESET_IN_PLACE.has(other.taskType)) {
          putTask(session, { ...other, status: 'IN_PROGRESS', endTime: 0, executed: false });
        }
      }
      patchWorkflow(session, {
        status: 'RUNNING',
        reasonForIncompletion: null,
        endTime: 0,
        failedReferenceTaskNames: [],
        failedTaskNames: [],
        lastRetriedTime: now,
      });
      grandparent = session.workflow;
    });
  } catch (e) {
    if (isBatonError(e) && e.code === 'WORKFLOW_NOT_FOUND') return;
    throw e;
  }
  if (grandparent) await reopenParent(engine, grandparent);
}
