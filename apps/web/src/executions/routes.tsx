/**
 * Routes of the execution monitor, plugged into the app's route tree: the list, starting a run, one
 * execution (`?task=<ref>` selects a task) and the task queues. Each page loads lazily.
 * @module
 */
import type { RouteObject } from 'react-router-dom';

/** `/executions`, `/executions/run`, `/executions/:workflowId`, `/queues`. */
export const executionRoutes: RouteObject[] = [
  {
    path: 'executions',
    lazy: async () => ({ Component: (await import('./list/ExecutionsListPage.js')).default }),
  },
  {
    path: 'executions/run',
    lazy: async () => ({ Component: (await import('./run/RunWorkflowPage.js')).default }),
  },
  {
    path: 'executions/:workflowId',
    lazy: async () => ({ Component: (await import('./view/ExecutionPage.js')).default }),
  },
  {
    path: 'queues',
    lazy: async () => ({ Component: (await import('./queues/QueuesPage.js')).default }),
  },
];
