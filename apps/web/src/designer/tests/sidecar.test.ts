import { describe, expect, it } from 'vitest';
import { parseTestsSidecar, testsFileName, toTestsSidecar } from './sidecar.js';

const def = { name: 'frozen burrito', version: 2, tasks: [] };

describe('test case sidecar', () => {
  it('round-trips the cases under <name>.tests.json', () => {
    const cases = [{ name: 'oven', input: { ovenType: 'oven' }, expect: { status: 'COMPLETED' } }];
    expect(testsFileName(def)).toBe('frozen_burrito.tests.json');
    expect(parseTestsSidecar(toTestsSidecar(def, cases))).toEqual({
      workflow: 'frozen burrito',
      testCases: cases,
    });
  });

  it('says why a hostile file is refused', () => {
    expect(parseTestsSidecar('{')).toMatch(/^not JSON/);
    expect(parseTestsSidecar('{"name":"wf","tasks":[]}')).toMatch(/testCases/);
    expect(parseTestsSidecar('{"testCases":[{"name":""}]}')).toBe('testCases[0] has no name');
    expect(parseTestsSidecar('{"testCases":[{"name":"a"},{"name":"a"}]}')).toBe(
      'testCases[1].name repeats a',
    );
    expect(parseTestsSidecar('{"testCases":[{"name":"a","input":[1]}]}')).toBe(
      'testCases[0].input is not an object',
    );
    const many = JSON.stringify({
      testCases: Array.from({ length: 101 }, (_, i) => ({ name: `${i}` })),
    });
    expect(parseTestsSidecar(many)).toBe('more than 100 test cases');
  });
});
