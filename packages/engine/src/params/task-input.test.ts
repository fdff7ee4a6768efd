import { describe, expect, it } from 'vitest';
import type { Workflow } from '../model/workflow.js';
import { applyWorkflowInputTemplate, resolveTaskInput } from './task-input.js';

const workflow = {
  workflowId: 'wf',
  workflowName: 'w',
  workflowVersion: 1,
  status: 'RUNNING',
  input: { a: 'A', empty: null },
  output: {},
  variables: {},
  tasks: [],
  createTime: 0,
  startTime: 0,
  failedReferenceTaskNames: [],
  failedTaskNames: [],
  priority: 0,
  workflowDefinition: { name: 'w', tasks: [] },
} satisfies Workflow;

describe('resolveTaskInput', () => {
  it.each<
    [string, Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>]
  >([
    [
      'uses inputParameters when there is no template',
      { x: '${workflow.input.a}' },
      undefined,
      { x: 'A' },
    ],
    ['adds template keys that are missing', { x: 1 }, { y: 'default' }, { x: 1, y: 'default' }],
    ['resolves expressions inside the template', {}, { y: '${workflow.input.a}' }, { y: 'A' }],
    [
      'keeps a resolved parameter over the template',
      { y: '${workflow.input.a}' },
      { y: 'T' },
      { y: 'A' },
    ],
    [
      'falls back to the template when a parameter resolves to null',
      { y: '${workflow.input.nope}' },
      { y: 'T' },
      { y: 'T' },
    ],
    [
      'keeps null when the template has no such key',
      { z: '${workflow.input.empty}' },
      { y: 'T' },
      { z: null, y: 'T' },
    ],
  ])('%s', (_name, params, template, expected) => {
    const def = template ? { inputTemplate: template } : null;
    expect(resolveTaskInput(params, def, { workflow })).toEqual(expected);
  });
});

describe('applyWorkflowInputTemplate', () => {
  it('adds template entries put-if-absent as deep copies', () => {
    const template = { a: 'T', b: { deep: [1] } };
    const out = applyWorkflowInputTemplate({ a: 'given' }, { inputTemplate: template });
    expect(out).toEqual({ a: 'given', b: { deep: [1] } });
    (out.b as { deep: number[] }).deep.push(2);
    expect(template.b.deep).toEqual([1]);
  });
});
