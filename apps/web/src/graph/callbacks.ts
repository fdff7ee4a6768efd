/**
 * What a graph node (designer or execution skin) may ask its canvas to do, through context so the
 * memoised node components stay cheap.
 * @module
 */
import { createContext, useContext } from 'react';

/** Callbacks of the graph's nodes; a canvas provides the ones its skin uses. */
export interface GraphCallbacks {
  /** Collapses or expands a fork, switch or loop (by reference name). */
  toggleGroup: (ref: string) => void;
  /** Execution: shows iteration `n` of a DO_WHILE. */
  showIteration: (loopRef: string, n: number) => void;
  /** Execution: opens a child execution. */
  openExecution: (workflowId: string) => void;
}

const NOOP: GraphCallbacks = {
  toggleGroup: () => {},
  showIteration: () => {},
  openExecution: () => {},
};

/** Provided by each canvas to its nodes. */
export const GraphCallbacksContext = createContext<GraphCallbacks>(NOOP);

/** The graph's callbacks, from inside a node. */
export function useGraphCallbacks(): GraphCallbacks {
  return useContext(GraphCallbacksContext);
}

/** Fills in the callbacks a canvas does not use. */
export function graphCallbacks(partial: Partial<GraphCallbacks>): GraphCallbacks {
  return { ...NOOP, ...partial };
}
