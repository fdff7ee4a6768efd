import { describe, expect, it, vi } from 'vitest';
import { BatonApiError, type BatonClient } from '@baton/client';
import { EXAMPLES, EXAMPLE_TASK_DEFS, findExample } from './examples.js';
import { SAMPLE_INPUTS, examplesToRegister, runWithSampleWorkers } from './sample-run.js';

describe('Run with sample workers', () => {
  it('has a sample input for every bundled example, and their task definitions', () => {
    expect(EXAMPLES.map((e) => e.id).sort()).toEqual(Object.keys(SAMPLE_INPUTS).sort());
    expect(EXAMPLE_TASK_DEFS.map((d) => d.name)).toContain('get_bread');
  });

  it('registers a called workflow before its caller', () => {
    const order = findExample('order-fulfilment')!;
    expect(examplesToRegister(order).map((e) => e.id)).toEqual([
      'order-fulfilment-shipping',
      'order-fulfilment',
    ]);
    expect(examplesToRegister(findExample('pbj-v2')!).map((e) => e.id)).toEqual(['pbj-v2']);
  });

  it('turns the workers on, registers only missing task definitions, keeps a stored version and starts in their domain', async () => {
    const conflict = new BatonApiError({
      status: 409,
      code: 'WORKFLOW_DEF_VERSION_EXISTS',
      message: 'exists',
    });
    const client = {
      setSampleWorkers: vi.fn().mockResolvedValue({ enabled: true, domain: 'baton-sample' }),
      metadata: {
        listTaskDefs: vi.fn().mockResolvedValue([{ name: 'get_bread', retryCount: 9 }]),
        registerTaskDefs: vi.fn().mockResolvedValue(undefined),
        registerWorkflowDef: vi.fn().mockRejectedValue(conflict),
      },
      workflows: { start: vi.fn().mockResolvedValue('wf-1') },
    };
    const id = await runWithSampleWorkers(
      client as unknown as BatonClient,
      findExample('pbj-v2')!,
    ).catch((e: unknown) => e);
    expect(id).toBe('wf-1');
    expect(client.setSampleWorkers).toHaveBeenCalledWith(true);
    const registered = (
      client.metadata.registerTaskDefs.mock.calls[0]![0] as Array<{ name: string }>
    ).map((d) => d.name);
    expect(registered).not.toContain('get_bread');
    expect(registered).toContain('cut_sandwich');
    expect(client.workflows.start).toHaveBeenCalledWith({
      name: 'pbj_workflow',
      version: 2,
      input: SAMPLE_INPUTS['pbj-v2'],
      taskToDomain: { '*': 'baton-sample' },
    });
  });
});
