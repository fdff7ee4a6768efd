/**
 * Route of the event handlers page, plugged into the app's route tree; the page loads lazily.
 * @module
 */
import type { RouteObject } from 'react-router-dom';
import { PageSpinner } from '../ui/PageSpinner.js';

/** `/events`: the event handlers and the failed event messages. */
export const eventRoutes: RouteObject[] = [
  {
    path: 'events',
    lazy: async () => ({ Component: (await import('./EventHandlersPage.js')).default }),
    hydrateFallbackElement: <PageSpinner />,
  },
];
