/**
 * The app's routes. Each area plugs its own route objects in here.
 * @module
 */
import { lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { AppShell } from './AppShell.js';
import { WorkflowListPage } from '../workflows/WorkflowListPage.js';
import { PageSpinner } from '../ui/PageSpinner.js';

const DesignerPage = lazy(() => import('../designer/pages/DesignerPage.js'));

const designer = (
  <Suspense fallback={<PageSpinner />}>
    <DesignerPage />
  </Suspense>
);

/** Designer routes: the list, a new workflow, and a stored definition (latest or one version). */
const workflowRoutes: RouteObject[] = [
  { path: 'workflows', element: <WorkflowListPage /> },
  { path: 'workflows/new', element: designer },
  { path: 'workflows/:name', element: designer },
  { path: 'workflows/:name/:version', element: designer },
];

/**
 * Execution monitor routes.
 * ── PLUG-IN POINT ── The executions area (apps/web/src/executions/) replaces this placeholder with
 * its own RouteObject[] (e.g. `import { executionRoutes } from '../executions/routes.js'`).
 */
const executionRoutes: RouteObject[] = [
  {
    path: 'executions/*',
    lazy: async () => ({ Component: (await import('../executions/ExecutionsPlaceholder.js')).default }),
  },
];

/** The route tree handed to createBrowserRouter. */
export const ROUTES: RouteObject[] = [
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="/workflows" replace /> },
      ...workflowRoutes,
      ...executionRoutes,
      { path: '*', element: <Navigate to="/workflows" replace /> },
    ],
  },
];
