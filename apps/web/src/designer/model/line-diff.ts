/**
 * A small line diff (longest common subsequence) used to show what a save will change.
 * @module
 */

/** One line of a diff. */
export interface DiffLine {
  type: 'same' | 'added' | 'removed';
  text: string;
}

/** Diffs two texts line by line. Quadratic in the changed region only (common ends are trimmed). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = a.slice(0, start).map((text) => ({ type: 'same', text }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      out.push({ type: 'same', text: midA[i]! });
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ type: 'added', text: midB[j++]! });
    } else {
      out.push({ type: 'removed', text: midA[i++]! });
    }
  }
  for (const text of a.slice(endA)) out.push({ type: 'same', text });
  return out;
}

/** True when a diff has any change. */
export function hasChanges(diff: readonly DiffLine[]): boolean {
  return diff.some((l) => l.type !== 'same');
}

/** A diff row for display: a line, or a fold standing for `count` unchanged lines. */
export type DiffRow = DiffLine | { type: 'fold'; count: number };

/** Keeps `context` unchanged lines around each change and folds the rest. */
export function collapseDiff(diff: readonly DiffLine[], context = 3): DiffRow[] {
  const keep = diff.map(() => false);
  diff.forEach((l, i) => {
    if (l.type === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(diff.length - 1, i + context); j++)
      keep[j] = true;
  });
  const rows: DiffRow[] = [];
  let folded = 0;
  diff.forEach((l, i) => {
    if (keep[i]) {
      if (folded) rows.push({ type: 'fold', count: folded });
      folded = 0;
      rows.push(l);
    } else folded++;
  });
  if (folded) rows.push({ type: 'fold', count: folded });
  return rows;
}
