/**
 * Route of the schedules page, plugged into the app's route tree; the page loads lazily.
 * @module
 */
import type { RouteObject } from 'react-router-dom';
import { PageSpinner } from '../ui/PageSpinner.js';

/** `/schedules`: workflow schedules, their next due times and their recent starts. */
export const scheduleRoutes: RouteObject[] = [
  {
    path: 'schedules',
    lazy: async () => ({ Component: (await import('./SchedulesPage.js')).default }),
    hydrateFallbackElement: <PageSpinner />,
  },
];
