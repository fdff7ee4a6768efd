import { useMemo } from 'react';
import type { WorkflowDef } from '@baton/engine';
import { attachRefs, designerChecks, type DesignerIssue } from '../model/issues.js';
import { engineIssues } from '../model/engine-issues.js';
import { useDesigner } from './DesignerProvider.js';
import { selectDef, selectServerIssues } from './selectors.js';

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

/** Every current problem: local ones plus the server's answer to the last save. */
export function useDesignerIssues(): DesignerIssue[] {
  const def = useDesigner(selectDef);
  const server = useDesigner(selectServerIssues);
  return useMemo(() => [...localIssues(def), ...server], [def, server]);
}
