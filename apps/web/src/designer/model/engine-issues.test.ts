import { describe, expect, it } from 'vitest';
import { engineIssues } from './engine-issues.js';
import { attachRefs } from './issues.js';
import { nestedDef, t } from './fixtures.test-util.js';

describe('engineIssues', () => {
  it('accepts a well-formed nested definition', () => {
    expect(engineIssues(nestedDef())).toEqual([]);
  });

  it('reports an empty task list and a switch without cases, on the switch node', () => {
    expect(engineIssues({ name: 'x', tasks: [] }).length).toBeGreaterThan(0);
    const def = {
      name: 'x',
      tasks: [
        t('a'),
        t('sw', {
          type: 'SWITCH',
          evaluatorType: 'value-param',
          expression: 'k',
          decisionCases: {},
        }),
      ],
    };
    const issues = attachRefs(def, engineIssues(def), 'engine');
    expect(issues.some((i) => i.ref === 'sw')).toBe(true);
  });
});
