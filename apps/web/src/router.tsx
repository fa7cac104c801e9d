import { QueryClientProvider } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { NotFound } from './components/layout/not-found.tsx';
import { RouteError } from './components/layout/route-error.tsx';
import { RoutePending } from './components/layout/route-pending.tsx';
import { createQueryClient, createTrpc, createTrpcClient, TRPCProvider } from './lib/trpc.ts';
import { routeTree } from './routeTree.gen.ts';

export function createAppRouter() {
  const queryClient = createQueryClient();
  const trpcClient = createTrpcClient();
  const trpc = createTrpc(trpcClient, queryClient);

  return createRouter({
    routeTree,
    context: { trpc, queryClient },
    defaultPreload: 'intent',
    // TanStack Query owns caching; the router always asks it, and it answers from cache when fresh.
    defaultPreloadStaleTime: 0,
    defaultErrorComponent: RouteError,
    defaultPendingComponent: RoutePending,
    defaultNotFoundComponent: NotFound,
    scrollRestoration: true,
    Wrap: ({ children }) => (
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    ),
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
