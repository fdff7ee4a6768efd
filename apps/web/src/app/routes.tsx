/**
 * The app's routes. Each area plugs its own route objects in here.
 * @module
 */
import { Navigate, type RouteObject } from 'react-router-dom';
import { AppShell } from './AppShell.js';
import { WorkflowListPage } from '../workflows/WorkflowListPage.js';
import { PageSpinner } from '../ui/PageSpinner.js';
import { executionRoutes } from '../executions/routes.js';
import { eventRoutes } from '../events/routes.js';
import { scheduleRoutes } from '../schedules/routes.js';
import { TaskDefsPage } from '../taskdefs/TaskDefsPage.js';

const loadDesigner = () => import('../designer/pages/DesignerPage.js');

/** Fetches the designer chunk ahead of time (called once the first page has rendered). */
export function prefetchDesigner(): void {
  void loadDesigner();
}

/**
 * A designer route. The router loads the designer's chunk before it switches pages (a route
 * `lazy`, not React.lazy under Suspense), so once prefetched the designer renders in one go: a
 * Suspense fallback would hold the finished designer back, since React keeps a fallback up for at
 * least 300 ms. The spinner only shows when the app is opened on a designer URL.
 */
const designerRoute = (path: string): RouteObject => ({
  path,
  lazy: async () => ({ Component: (await loadDesigner()).default }),
  hydrateFallbackElement: <PageSpinner />,
});

/** Designer routes: the list, a new workflow, and a stored definition (latest or one version). */
const workflowRoutes: RouteObject[] = [
  { path: 'workflows', element: <WorkflowListPage /> },
  designerRoute('workflows/new'),
  designerRoute('workflows/:name'),
  designerRoute('workflows/:name/:version'),
];

/**
 * Debugging and comparing (`src/debug`): a run opened in the designer, two runs side by side, two
 * versions of a definition on one canvas. They share the designer's chunk.
 */
const debugRoutes: RouteObject[] = [
  {
    path: 'executions/:workflowId/debug',
    lazy: async () => ({ Component: (await import('../debug/DebugRunPage.js')).default }),
    hydrateFallbackElement: <PageSpinner />,
  },
  {
    path: 'compare/runs',
    lazy: async () => ({ Component: (await import('../debug/CompareRunsPage.js')).default }),
    hydrateFallbackElement: <PageSpinner />,
  },
  {
    path: 'compare/versions/:name',
    lazy: async () => ({ Component: (await import('../debug/CompareVersionsPage.js')).default }),
    hydrateFallbackElement: <PageSpinner />,
  },
];

// ── PLUG-IN POINT ── Execution monitor routes (list, run, one execution, queues) come from executions/routes.tsx.

/** The route tree handed to createBrowserRouter. */
export const ROUTES: RouteObject[] = [
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="/workflows" replace /> },
      ...workflowRoutes,
      ...debugRoutes,
      ...executionRoutes,
      ...eventRoutes,
      ...scheduleRoutes,
      { path: 'taskdefs', element: <TaskDefsPage /> },
      { path: '*', element: <Navigate to="/workflows" replace /> },
    ],
  },
];
