import type { AppRouter } from '@identdesk/server/router';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCContext, createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type Trpc = TRPCOptionsProxy<AppRouter>;

/** For components outside the route tree's loaders; the same client and cache as the router context. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        // The server accepts queries as POST so search terms never appear in URLs or access logs.
        methodOverride: 'POST',
        // The server refuses requests that change something without it (CSRF, decision 0003).
        headers: { 'x-identdesk-csrf': '1' },
        fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }),
      }),
    ],
  });
}

export function createTrpc(client: ReturnType<typeof createTrpcClient>, queryClient: QueryClient): Trpc {
  return createTRPCOptionsProxy<AppRouter>({ client, queryClient });
}

/** Answers the server gave on purpose (bad input, no session, wrong role, missing row) do not get better on retry. */
function isDeliberateRefusal(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status: unknown = error.data?.httpStatus;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The server said the session is gone (expired, signed out elsewhere). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';
}

export function createQueryClient(options: { onUnauthorized?: () => void } = {}) {
  const onError = (error: unknown) => {
    if (isUnauthorized(error)) options.onUnauthorized?.();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failureCount, error) => !isDeliberateRefusal(error) && failureCount < 1,
      },
    },
  });
}
