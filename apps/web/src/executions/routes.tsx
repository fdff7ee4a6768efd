/**
 * Routes of the execution monitor, plugged into the app's route tree: the list, starting a run, one
 * execution (`?task=<ref>` selects a task) and the task queues. Each page loads lazily.
 * @module
 */
import type { RouteObject } from 'react-router-dom';
import { PageSpinner } from '../ui/PageSpinner.js';

/**
 * Shown while a page's chunk loads when the app is opened on its URL (without it React Router
 * warns that no HydrateFallback was provided).
 */
const hydrateFallbackElement = <PageSpinner />;

/** `/executions`, `/executions/run`, `/executions/:workflowId`, `/queues`. */
export const executionRoutes: RouteObject[] = [
  {
    path: 'executions',
    lazy: async () => ({ Component: (await import('./list/ExecutionsListPage.js')).default }),
    hydrateFallbackElement,
  },
  {
    path: 'executions/run',
    lazy: async () => ({ Component: (await import('./run/RunWorkflowPage.js')).default }),
    hydrateFallbackElement,
  },
  {
    path: 'executions/:workflowId',
    lazy: async () => ({ Component: (await import('./view/ExecutionPage.js')).default }),
    hydrateFallbackElement,
  },
  {
    path: 'queues',
    lazy: async () => ({ Component: (await import('./queues/QueuesPage.js')).default }),
    hydrateFallbackElement,
  },
];
