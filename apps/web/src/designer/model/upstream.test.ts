import { describe, expect, it } from 'vitest';
import { referenceSuggestions, upstreamTasks } from './upstream.js';
import { nestedDef } from './fixtures.test-util.js';

describe('upstreamTasks', () => {
  it('lists earlier siblings, their nested tasks and enclosing containers', () => {
    const refs = upstreamTasks(nestedDef(), 'l2').map((t) => t.taskReferenceName);
    expect(refs).toContain('l1');
    expect(refs).toContain('loop');
    expect(refs).toContain('b2');
    expect(refs).toContain('a1');
    expect(refs).not.toContain('last');
    expect(refs).not.toContain('l2');
  });

  it('does not offer tasks of a sibling branch', () => {
    const refs = upstreamTasks(nestedDef(), 'c1').map((t) => t.taskReferenceName);
    expect(refs).toEqual(['fork', 'a']);
  });

  it('suggests workflow inputs and upstream outputs', () => {
    const def = { ...nestedDef(), inputParameters: ['orderId'] };
    const s = referenceSuggestions(def, 'b1');
    expect(s).toContain('${workflow.input.orderId}');
    expect(s).toContain('${a.output}');
    expect(s).not.toContain('${last.output}');
  });
});
