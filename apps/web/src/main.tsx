import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { AppProviders } from './app/providers.js';
import { prefetchDesigner, ROUTES } from './app/routes.js';

const router = createBrowserRouter(ROUTES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);

// The designer is the main screen: fetch its chunk while the user looks at the first page.
window.setTimeout(prefetchDesigner, 300);
