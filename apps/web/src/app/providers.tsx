import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useState } from 'react';
import type { BatonClient } from '@baton/client';
import { createWebClient } from '../api/client.js';
import { SkipTargetProvider } from '../ui/SkipLink.js';
import { ThemeProvider } from '../ui/theme.js';

const ClientContext = createContext<BatonClient | null>(null);

/** The app-wide BatonClient. */
export function useBatonClient(): BatonClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useBatonClient must be used inside AppProviders');
  return client;
}

/** QueryClient, BatonClient, theme and the skip link's target for the whole app. */
export function AppProviders({ children, client }: { children: ReactNode; client?: BatonClient }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false } },
      }),
  );
  const [baton] = useState(() => client ?? createWebClient());
  return (
    <ClientContext.Provider value={baton}>
      <QueryClientProvider client={queryClient}>
        <ThemeProvider>
          <SkipTargetProvider>{children}</SkipTargetProvider>
        </ThemeProvider>
      </QueryClientProvider>
    </ClientContext.Provider>
  );
}
