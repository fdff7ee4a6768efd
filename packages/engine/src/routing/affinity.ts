/**
 * Affinity slots: which process of a group does a workflow's work (docs/architecture.md, "Several
 * processes"). A workflow's slot is the value of the last two hex digits of its id (0–255); every
 * task the engine creates for it ends in the same two digits, so the slot of a queue message (a
 * task id, or a workflow id on the decider queue) is known without a read. A sub-workflow's id is
 * its SUB_WORKFLOW task's id and retry number (`<taskId>-<n>`, core/sub-workflow.ts): the digits
 * before that `-<n>` count, so a child shares its parent's slot. Ids that do not end in two hex
 * digits (ids chosen by a caller) have no slot: any process may do their work.
 * @module
 */
import type { PopPreference } from '../ports/task-queue.js';

/** Number of affinity slots (two hex digits). */
export const AFFINITY_SLOTS = 256;

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/** Where the slot digits of `id` end: before a trailing `-<n>` of 1 to 4 decimal digits. */
function slotEnd(id: string): number {
  const dash = id.lastIndexOf('-');
  const suffix = id.length - dash - 1;
  if (dash < 0 || suffix < 1 || suffix > 4) return id.length;
  for (let i = dash + 1; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return id.length;
  }
  return dash;
}

/**
 * The slot of `id` (0–255): its last two hex digits, before a sub-workflow's `-<n>`; undefined
 * when there are none.
 */
export function affinitySlot(id: string): number | undefined {
  const end = slotEnd(id);
  if (end < 2) return undefined;
  const high = hexValue(id.charCodeAt(end - 2));
  const low = hexValue(id.charCodeAt(end - 1));
  return high < 0 || low < 0 ? undefined : high * 16 + low;
}

/**
 * `id` with its last two hex digits replaced by `slot`'s (lower case); `id` unchanged when it has
 * no slot. For random UUIDs this keeps a valid UUID: the last digits are random ones.
 */
export function withAffinitySlot(id: string, slot: number): string {
  if (affinitySlot(id) === undefined) return id;
  const end = slotEnd(id);
  const s = ((slot % AFFINITY_SLOTS) + AFFINITY_SLOTS) % AFFINITY_SLOTS;
  return id.slice(0, end - 2) + s.toString(16).padStart(2, '0') + id.slice(end);
}

/** A new id for work of `workflowId`: `fresh` carrying the workflow's slot, if it has one. */
export function idNear(fresh: string, workflowId: string): string {
  const slot = affinitySlot(workflowId);
  return slot === undefined ? fresh : withAffinitySlot(fresh, slot);
}

/**
 * The process (0-based, of `processes`) that owns the work of `id`, or undefined when `id` has no
 * slot. Slots are dealt round-robin, so each process owns every `processes`-th slot.
 */
export function ownerOf(id: string, processes: number): number | undefined {
  const slot = affinitySlot(id);
  return slot === undefined || processes <= 1 ? undefined : slot % processes;
}

/**
 * How long a message of another process's workflow waits for its owner before a background loop
 * (sweeper, async system tasks) here takes it: several of the loops' 1-s waits, so an owner that
 * is up always gets there first, and work of one that is down waits this much longer.
 */
export const BACKGROUND_OTHERS_AFTER_MS = 5_000;

/**
 * The pop preference of this process in `routing` (undefined alone): its own messages first, then
 * other processes' once they have been due for `othersAfterMs`.
 */
export function popPreference(
  routing: { processes: number; index: number } | undefined,
  othersAfterMs: number,
): PopPreference | undefined {
  if (!routing || routing.processes <= 1) return undefined;
  return { processes: routing.processes, index: routing.index, othersAfterMs };
}
