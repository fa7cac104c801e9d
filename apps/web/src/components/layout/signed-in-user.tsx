import { ROLE_DETAILS } from '@identdesk/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { LogOut, MonitorSmartphone, UserRound } from 'lucide-react';
import { LOGIN_PATH } from '../../lib/auth.ts';
import { describeError } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Skeleton } from '../ui/skeleton.tsx';

/** Who is at the keyboard, and the way out; the shell shows it whatever page is open. */
export function SignedInUser() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const queryClient = useQueryClient();
  const router = useRouter();

  // Whatever the server answers, this browser forgets the user and shows the sign-in page.
  const leave = async () => {
    queryClient.clear();
    await router.navigate({ to: LOGIN_PATH });
  };
  const signOut = useMutation(trpc.auth.logout.mutationOptions({ onSettled: leave }));
  const signOutEverywhere = useMutation(trpc.auth.logoutEverywhere.mutationOptions({ onSuccess: leave }));
  const busy = signOut.isPending || signOutEverywhere.isPending;

  return (
    <section aria-label="Signed-in user" className="border-t border-zinc-200 px-3 py-3">
      <div className="flex items-center gap-2.5">
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
              <p className="text-zinc-500">Sign in to use Identdesk</p>
            </>
          )}
        </div>
      </div>
      {me.data?.user ? (
        <div className="mt-2 flex flex-col gap-1">
          <Button variant="ghost" size="sm" className="justify-start" onClick={() => signOut.mutate()} disabled={busy}>
            <LogOut aria-hidden="true" />
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="justify-start"
            title="Also ends your sessions in other browsers and on other devices"
            onClick={() => signOutEverywhere.mutate()}
            disabled={busy}
          >
            <MonitorSmartphone aria-hidden="true" />
            {signOutEverywhere.isPending ? 'Signing out everywhere…' : 'Sign out everywhere'}
          </Button>
          {signOutEverywhere.isError ? (
            <p role="alert" className="text-xs text-red-700">
              Could not sign out everywhere: {describeError(signOutEverywhere.error).title.toLowerCase()}. Try again.
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
