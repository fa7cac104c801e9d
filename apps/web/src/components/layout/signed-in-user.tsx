import { ROLE_DETAILS } from '@identdesk/domain';
import { useQuery } from '@tanstack/react-query';
import { UserRound } from 'lucide-react';
import { useTRPC } from '../../lib/trpc.ts';
import { Skeleton } from '../ui/skeleton.tsx';

/** Who is at the keyboard; the shell shows it whatever page is open. */
export function SignedInUser() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());

  return (
    <section aria-label="Signed-in user" className="flex items-center gap-2.5 border-t border-zinc-200 px-3 py-3">
      <div className="flex size-7 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-zinc-500">
        <UserRound aria-hidden="true" className="size-4" />
      </div>
      <div className="min-w-0 flex-1 text-xs leading-tight">
        {me.isPending ? (
          <>
            <Skeleton className="h-3 w-24" />
            <span className="sr-only">Checking who is signed in…</span>
          </>
        ) : me.isError ? (
          <>
            <p className="font-medium text-zinc-700">Sign-in unknown</p>
            <p className="text-zinc-500">The server did not answer</p>
          </>
        ) : me.data.user ? (
          <>
            <p className="truncate font-medium text-zinc-900" title={me.data.user.email}>
              {me.data.user.displayName}
            </p>
            <p className="truncate text-zinc-500">{ROLE_DETAILS[me.data.user.role].label}</p>
          </>
        ) : (
          <>
            <p className="font-medium text-zinc-700">Not signed in</p>
            <p className="text-zinc-500">Sign-in is not available yet</p>
          </>
        )}
      </div>
    </section>
  );
}
