import { createContext, useContext } from 'react';

/** What the execution graph's nodes can ask the page to do. */
export interface ExecGraphCallbacks {
  /** Shows iteration `n` of a DO_WHILE. */
  showIteration: (loopRef: string, n: number) => void;
  /** Opens a child execution. */
  openExecution: (workflowId: string) => void;
}

/** Provided by ExecutionGraph to its nodes. */
export const ExecGraphCallbacksContext = createContext<ExecGraphCallbacks>({
  showIteration: () => {},
  openExecution: () => {},
});

/** The graph's callbacks, from inside a node. */
export function useExecGraphCallbacks(): ExecGraphCallbacks {
  return useContext(ExecGraphCallbacksContext);
}
