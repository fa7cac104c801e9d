import { QueryClientProvider } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { NotFound } from './components/layout/not-found.tsx';
import { RouteError } from './components/layout/route-error.tsx';
import { RoutePending } from './components/layout/route-pending.tsx';
import { LOGIN_PATH } from './lib/auth.ts';
import { createQueryClient, createTrpc, createTrpcClient, TRPCProvider } from './lib/trpc.ts';
import { routeTree } from './routeTree.gen.ts';

export function createAppRouter() {
  // A session that ended while the console was open (idle expiry, "sign out everywhere"
  // elsewhere): forget who was signed in and ask to sign in again, then come back here.
  const onUnauthorized = () => {
    const { pathname, href } = router.state.location;
    if (pathname === LOGIN_PATH) return;
    queryClient.clear();
    void router.navigate({ to: LOGIN_PATH, search: { redirect: href } });
  };
  const queryClient = createQueryClient({ onUnauthorized });
  const trpcClient = createTrpcClient();
  const trpc = createTrpc(trpcClient, queryClient);

  const router = createRouter({
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
  return router;
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
