import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '@baton/client';
import { untakenBranchRefs } from './untaken-branches.js';
import { makeDef, makeTask } from './fixtures.test-util.js';

const simple = (ref: string): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type: 'SIMPLE',
});
const choose: WorkflowTask = {
  name: 'choose',
  taskReferenceName: 'choose',
  type: 'SWITCH',
  evaluatorType: 'value-param',
  expression: 'kind',
  decisionCases: { oven: [simple('bake'), simple('flip_oven')] },
  defaultCase: [simple('zap')],
};
const def = makeDef([simple('unwrap'), choose, simple('serve')]);
const switchRow = (selectedCase: string) =>
  makeTask('choose', { workflowTask: choose, outputData: { selectedCase }, status: 'COMPLETED' });

describe('untakenBranchRefs', () => {
  it('lists the cases a switch did not take', () => {
    expect([...untakenBranchRefs(def, [switchRow('oven')])]).toEqual(['zap']);
  });

  it('treats an unmatched case value as the default case', () => {
    expect([...untakenBranchRefs(def, [switchRow('microwave')])].sort()).toEqual([
      'bake',
      'flip_oven',
    ]);
  });

  it('is empty while the switch has not run', () => {
    expect(untakenBranchRefs(def, []).size).toBe(0);
  });
});
