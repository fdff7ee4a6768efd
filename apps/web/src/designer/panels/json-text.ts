/**
 * Helpers between the JSON text and the definition: parsing with a reason, and locating a task.
 * @module
 */
import type { WorkflowDef } from '@baton/engine';

/** The result of reading editor text. */
export type JsonReadResult =
  { type: 'ok'; def: WorkflowDef } | { type: 'error'; message: string; offset?: number };

/** Parses editor text into a definition, or says why not. */
export function toDefOrError(text: string): JsonReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    return {
      type: 'error',
      message: e instanceof Error ? e.message : String(e),
      offset: m ? Number(m[1]) : 0,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { type: 'error', message: 'A workflow definition is a JSON object.' };
  if (!Array.isArray((value as WorkflowDef).tasks))
    return { type: 'error', message: 'A workflow definition needs a "tasks" array.' };
  return { type: 'ok', def: value as WorkflowDef };
}

/** Character range of `"taskReferenceName": "<ref>"` in the text, for selection and markers. */
export function refRange(text: string, ref: string): { start: number; end: number } | undefined {
  const escaped = JSON.stringify(ref).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`"taskReferenceName"\\s*:\\s*${escaped}`).exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}
