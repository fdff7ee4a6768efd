/**
 * The app's routes. Each area plugs its own route objects in here.
 * @module
 */
import { lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { AppShell } from './AppShell.js';
import { WorkflowListPage } from '../workflows/WorkflowListPage.js';
import { PageSpinner } from '../ui/PageSpinner.js';
import { executionRoutes } from '../executions/routes.js';

const loadDesigner = () => import('../designer/pages/DesignerPage.js');
const DesignerPage = lazy(loadDesigner);

/** Fetches the designer chunk ahead of time (called once the first page has rendered). */
export function prefetchDesigner(): void {
  void loadDesigner();
}

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

// ── PLUG-IN POINT ── Execution monitor routes (list, run, one execution, queues) come from executions/routes.tsx.

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
