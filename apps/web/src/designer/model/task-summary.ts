/**
 * The one-line summary shown under a task's name on the canvas (its most telling setting).
 * @module
 */
import type { WorkflowTask } from '@baton/engine';

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** Summarises a task by its type, e.g. `GET https://…` for HTTP or `payments v2` for a sub-workflow. */
export function taskSummary(task: WorkflowTask): string {
  const input = task.inputParameters ?? {};
  switch (task.type ?? 'SIMPLE') {
    case 'HTTP': {
      const req = (input.http_request ?? input) as Record<string, unknown>;
      return [str(req.method), str(req.uri)].filter(Boolean).join(' ');
    }
    case 'SUB_WORKFLOW': {
      const p = task.subWorkflowParam;
      return p?.name
        ? `${p.name}${p.version != null ? ` v${String(p.version)}` : ' (latest)'}`
        : 'no workflow chosen';
    }
    case 'START_WORKFLOW': {
      const sw = input.startWorkflow as Record<string, unknown> | undefined;
      return str(sw?.name) ?? '';
    }
    case 'SWITCH':
      return `${task.evaluatorType ?? 'value-param'}: ${task.expression ?? ''}`;
    case 'DECISION':
      return task.caseValueParam ? `param: ${task.caseValueParam}` : (task.caseExpression ?? '');
    case 'DO_WHILE':
      return task.loopCondition ?? '';
    case 'WAIT':
      return (
        str(input.duration) ?? (str(input.until) ? `until ${str(input.until)}` : 'until signalled')
      );
    case 'INLINE':
      return str(input.expression) ?? '';
    case 'JSON_JQ_TRANSFORM':
      return str(input.queryExpression) ?? '';
    case 'TERMINATE':
      return str(input.terminationStatus) ?? '';
    case 'EVENT':
      return task.sink ?? '';
    case 'JOIN':
    case 'EXCLUSIVE_JOIN':
      return task.joinOn?.length ? `on ${task.joinOn.join(', ')}` : 'joinOn is empty';
    case 'SET_VARIABLE':
      return Object.keys(input).join(', ');
    case 'FORK_JOIN':
      return `${task.forkTasks?.length ?? 0} branches`;
    case 'FORK_JOIN_DYNAMIC':
      return task.dynamicForkTasksParam ?? '';
    default:
      return task.description ?? '';
  }
}
