import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, HeadContent, Outlet, useRouterState } from '@tanstack/react-router';
import { AppShell } from '../components/layout/app-shell.tsx';
import { LOGIN_PATH, requireSignedIn } from '../lib/auth.ts';
import type { Trpc } from '../lib/trpc.ts';

export interface RouterContext {
  trpc: Trpc;
  queryClient: QueryClient;
}

export const Route = createRootRouteWithContext<RouterContext>()({
  head: () => ({ meta: [{ title: 'Identdesk' }] }),
  // Every page but the sign-in page needs a session; without one, sign in and come back.
  beforeLoad: async ({ context, location }) => {
    if (location.pathname !== LOGIN_PATH) await requireSignedIn(context, location);
  },
  component: RootLayout,
});

function RootLayout() {
  const onLoginPage = useRouterState({ select: (state) => state.location.pathname === LOGIN_PATH });
  return (
    <>
      <HeadContent />
      {onLoginPage ? (
        <Outlet />
      ) : (
        <AppShell>
          <Outlet />
        </AppShell>
      )}
    </>
  );
}
