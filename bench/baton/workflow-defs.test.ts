import { describe, expect, it } from 'vitest';
import { validateWorkflowDef } from '@baton/engine';
import { benchWorkflowDefs, MAIN_WORKFLOW, TASKS_PER_WORKFLOW } from './workflow-defs.js';

describe('benchWorkflowDefs', () => {
  const defs = benchWorkflowDefs();
  const main = defs.find((d) => d.name === MAIN_WORKFLOW)!;

  it('has 13 steps in the main workflow, one of them the sub-workflow', () => {
    expect(main.tasks).toHaveLength(13);
    expect(main.tasks.filter((t) => t.type === 'SUB_WORKFLOW')).toHaveLength(1);
    expect(TASKS_PER_WORKFLOW).toBe(13);
  });

  it('feeds every step the previous step output', () => {
    const refs = main.tasks.map((t) => t.taskReferenceName);
    main.tasks.slice(1).forEach((t, i) => {
      expect(t.inputParameters?.data).toBe(`\${${refs[i]}.output.data}`);
    });
  });

  it('passes the engine validation', () => {
    for (const def of defs) expect(validateWorkflowDef(def)).toEqual([]);
  });
});
