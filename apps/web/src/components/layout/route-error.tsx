import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ErrorState } from '../ui/error-state.tsx';

/**
 * The default error view of a route: what failed, what to do, and a retry that runs the route's
 * loader again.
 */
export function RouteError({ error, title = 'This page could not be loaded' }: ErrorComponentProps & { title?: string }) {
  const router = useRouter();
  const queryErrorResetBoundary = useQueryErrorResetBoundary();
  const [retrying, setRetrying] = useState(false);

  useEffect(() => {
    // Lets queries that failed inside this boundary fetch again on the next render.
    queryErrorResetBoundary.reset();
  }, [queryErrorResetBoundary]);

  const retry = async () => {
    setRetrying(true);
    try {
      await router.invalidate();
    } finally {
      setRetrying(false);
    }
  };

  return <ErrorState title={title} error={error} onRetry={() => void retry()} retrying={retrying} />;
}
