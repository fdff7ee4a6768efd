import { describe, expect, it } from 'vitest';
import { collapseDiff, hasChanges, lineDiff } from './line-diff.js';

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

describe('collapseDiff', () => {
  it('folds unchanged lines away from the changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l10', 'changed');
    const rows = collapseDiff(lineDiff(before, after), 2);
    expect(rows[0]).toEqual({ type: 'fold', count: 8 });
    expect(rows.filter((r) => r.type !== 'fold').map((r) => ('text' in r ? r.text : ''))).toEqual([
      'l8',
      'l9',
      'changed',
      'l10',
      'l11',
      'l12',
    ]);
    expect(rows[rows.length - 1]).toEqual({ type: 'fold', count: 7 });
  });
});
