import { describe, expect, it } from 'vitest';
import { validateEventHandler } from './validate-event-handler.js';

const ok = {
  name: 'h',
  event: 'conductor:wf:ref',
  actions: [{ action: 'complete_task', complete_task: { taskId: '${taskId}' } }],
};
const paths = (h: unknown): string[] => validateEventHandler(h).map((i) => i.path);

describe('validateEventHandler', () => {
  it('accepts a minimal handler and each action kind with its parameters', () => {
    expect(validateEventHandler(ok)).toEqual([]);
    const actions = [
      { action: 'start_workflow', start_workflow: { name: 'w', version: 2, input: {} } },
      { action: 'complete_task', complete_task: { workflowId: 'w', taskRefName: 'r' } },
      { action: 'fail_task', fail_task: { taskId: 't', reasonForIncompletion: 'no' } },
      { action: 'terminate_workflow', terminate_workflow: { workflowId: '${id}' } },
      {
        action: 'update_workflow_variables',
        update_workflow_variables: { workflowId: 'w', variables: { a: 1 }, appendArray: true },
      },
    ];
    expect(validateEventHandler({ ...ok, actions, evaluatorType: 'javascript' })).toEqual([]);
  });

  it("reports Conductor's three bean messages for an empty handler", () => {
    expect(validateEventHandler({}).map((i) => i.message)).toEqual([
      'Missing event handler name',
      'Missing event location',
      'No actions specified. Please specify at-least one action',
    ]);
  });

  it('names the field of each bad part', () => {
    expect(paths(null)).toEqual(['']);
    expect(paths({ ...ok, event: 'conductor' })).toEqual(['event']);
    expect(paths({ ...ok, active: 'yes' })).toEqual(['active']);
    expect(paths({ ...ok, actions: [7] })).toEqual(['actions[0]']);
    expect(paths({ ...ok, actions: [{ action: 'complete_task', complete_task: {} }] })).toEqual([
      'actions[0].complete_task',
    ]);
    expect(
      paths({
        ...ok,
        actions: [{ action: 'start_workflow', start_workflow: { name: 'w', version: 0 } }],
      }),
    ).toEqual(['actions[0].start_workflow.version']);
  });
});
