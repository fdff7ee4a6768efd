import { describe, expect, it } from 'vitest';
import { hasChanges, lineDiff } from './line-diff.js';

describe('lineDiff', () => {
  it('marks added and removed lines and keeps the common ones', () => {
    const d = lineDiff('a\nb\nc', 'a\nx\nc\nd');
    expect(d).toEqual([
      { type: 'same', text: 'a' },
      { type: 'added', text: 'x' },
      { type: 'removed', text: 'b' },
      { type: 'same', text: 'c' },
      { type: 'added', text: 'd' },
    ]);
    expect(hasChanges(d)).toBe(true);
  });

  it('reports no change for equal texts', () => {
    expect(hasChanges(lineDiff('a\nb', 'a\nb'))).toBe(false);
  });
});
