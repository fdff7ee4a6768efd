import { useEffect, useMemo, useState } from 'react';
import type { WorkflowDef } from '@baton/engine';
import { attachRefs, designerChecks, type DesignerIssue } from '../model/issues.js';
import { engineIssues } from '../model/engine-issues.js';
import { useDesigner } from './DesignerProvider.js';
import { selectDef, selectJsonError, selectServerIssues } from './selectors.js';

const cache = new WeakMap<WorkflowDef, DesignerIssue[]>();

/** Local problems of a definition (engine validator + designer checks), cached per definition object. */
export function localIssues(def: WorkflowDef): DesignerIssue[] {
  let issues = cache.get(def);
  if (!issues) {
    const engine = attachRefs(def, engineIssues(def), 'engine');
    // Designer checks only add what the engine did not already report at (or under) that path.
    const mine = attachRefs(def, designerChecks(def), 'designer').filter(
      (i) => !engine.some((e) => e.path.startsWith(i.path)),
    );
    issues = [...engine, ...mine];
    cache.set(def, issues);
  }
  return issues;
}

/** False until the first frame after mounting has been painted, then true. */
function usePainted(ready: boolean): boolean {
  const [painted, setPainted] = useState(ready);
  useEffect(() => {
    if (painted) return;
    // A message posted from an animation frame is handled once that frame has been painted.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => setPainted(true);
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
    return () => {
      cancelAnimationFrame(frame);
      channel.port1.close();
    };
  }, [painted]);
  return painted;
}

/**
 * Every current problem: local ones plus the server's answer to the last save. A definition not
 * validated yet when the designer opens is validated just after the first frame is painted, so a
 * large workflow shows up without waiting for the validator (its problems follow a frame later).
 */
export function useDesignerIssues(): DesignerIssue[] {
  const def = useDesigner(selectDef);
  const server = useDesigner(selectServerIssues);
  const jsonError = useDesigner(selectJsonError);
  // A new workflow nobody has touched yet is empty on purpose: its empty task list is no problem
  // until the user edits or saves it (the server's answer then says so).
  const untouched = useDesigner((s) => s.baseline === null && s.past.length === 0);
  const painted = usePainted(cache.has(def));
  return useMemo(() => {
    // Text in the JSON editor that does not parse comes first: nothing else can be saved until then.
    const json: DesignerIssue[] = jsonError
      ? [
          {
            source: 'json',
            path: `line ${jsonError.line}, column ${jsonError.column}`,
            message: `JSON syntax error: ${jsonError.message}`,
          },
        ]
      : [];
    const local = painted
      ? localIssues(def).filter((i) => !(untouched && i.path === 'tasks' && def.tasks.length === 0))
      : [];
    return [...json, ...local, ...server];
  }, [def, server, painted, jsonError, untouched]);
}
