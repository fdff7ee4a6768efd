/**
 * Filtering the branch list of a summarised dynamic fork. Pure.
 * @module
 */
import type { NodeStatus } from './status-style.js';

/** Branches shown per page. */
export const BRANCH_PAGE_SIZE = 50;

/** A branch row: its first task's reference name and status. */
export interface BranchRow {
  ref: string;
  status: NodeStatus;
}

/**
 * The rows whose reference name contains `query` (case-insensitive; whitespace-separated words must
 * all match) and, when given, whose status is `status`.
 */
export function filterBranches(
  rows: readonly BranchRow[],
  query: string,
  status: NodeStatus | '',
): BranchRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (r) =>
      (status === '' || r.status === status) && words.every((w) => r.ref.toLowerCase().includes(w)),
  );
}
