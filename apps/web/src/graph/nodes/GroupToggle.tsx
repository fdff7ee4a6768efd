import type { MouseEvent } from 'react';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useGraphCallbacks } from '../callbacks.js';

/**
 * The collapse/expand pill of a fork, switch or loop ("C" on the focused node does the same). Not
 * a tab stop: the graph is one tab stop, and a loop's pill would otherwise sit in the tab order
 * before the node the arrows left the focus on.
 */
export function GroupToggle({
  ref_,
  collapsed,
  count,
}: {
  ref_: string;
  collapsed: boolean;
  count: number;
}) {
  const { toggleGroup } = useGraphCallbacks();
  const onClick = (e: MouseEvent) => {
    e.stopPropagation();
    toggleGroup(ref_);
  };
  const tasks = `${count} task${count === 1 ? '' : 's'}`;
  return (
    <button
      type="button"
      className="group-toggle nodrag"
      aria-expanded={!collapsed}
      aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${ref_} (${tasks})`}
      aria-keyshortcuts="C"
      tabIndex={-1}
      title={`${collapsed ? 'Expand' : 'Collapse'} (C)`}
      onClick={onClick}
    >
      {collapsed ? <ChevronRight size={12} aria-hidden /> : <ChevronDown size={12} aria-hidden />}
      {tasks}
    </button>
  );
}
