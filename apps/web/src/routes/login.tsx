import { ROLE_DETAILS, safeReturnPath } from '@identdesk/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createFileRoute, redirect, useRouter } from '@tanstack/react-router';
import { TRPCClientError } from '@trpc/client';
import { KeyRound, LogIn, TriangleExclamationPoint } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { Button, buttonClasses } from '../components/ui/button.tsx';
import { TextField } from '../components/ui/field.tsx';
import { currentUser, homeFor } from '../lib/auth.ts';
import { describeError } from '../lib/errors.ts';
import { pageHead } from '../lib/page-title.ts';
import { useTRPC } from '../lib/trpc.ts';

const loginSearchSchema = z.object({
  redirect: z.string().optional().catch(undefined),
  /** Set by the server when single sign-on sends the browser back without a session. */
  error: z.string().max(40).optional().catch(undefined),
});

/** Why single sign-on did not sign someone in, in words: the codes come from /auth/oidc/callback. */
const SSO_ERRORS: Record<string, string> = {
  unknown_user: 'Your single sign-on account has no Identdesk user. Ask an admin to create one for your email address.',
  no_role: 'Your single sign-on account has no Identdesk role. Ask your identity team to give you one.',
  ambiguous_role: 'Your single sign-on account has more than one Identdesk role. Ask your identity team to leave you one.',
  disabled: 'Your Identdesk user is switched off. Ask an admin.',
  subject_mismatch: 'Your email address belongs to another single sign-on account in Identdesk. Ask an admin.',
  email_unverified: 'Your identity provider has not verified your email address, so Identdesk cannot match it.',
  oidc_expired: 'Single sign-on took too long or was started in another window. Start it again.',
  oidc_failed: 'Single sign-on did not complete. Start it again; if it keeps failing, tell the team running Identdesk.',
  oidc_unavailable: 'The single sign-on provider does not answer. Try again in a moment, or sign in with your password.',
};

export const Route = createFileRoute('/login')({
  head: pageHead('Sign in'),
  validateSearch: loginSearchSchema,
  beforeLoad: async ({ context, search }) => {
    const user = await currentUser(context);
    if (user) throw redirect({ href: safeReturnPath(search.redirect, homeFor(user.role)) });
  },
  component: LoginPage,
});

function LoginPage() {
  const search = Route.useSearch();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const providers = useQuery(trpc.auth.providers.queryOptions());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async ({ user }) => {
        // Nothing cached for whoever used this browser before may show to the new user.
        queryClient.clear();
        queryClient.setQueryData(trpc.auth.me.queryKey(), { user });
        await router.invalidate();
        router.history.push(safeReturnPath(search.redirect, homeFor(user.role)));
      },
      onError: () => setPassword(''),
    }),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ email, password });
  };

  const oidc = providers.data?.oidc;
  const demo = providers.data?.demo;
  const ssoError = search.error ? (SSO_ERRORS[search.error] ?? SSO_ERRORS.oidc_failed) : null;
  const problem = login.error ? loginProblem(login.error) : ssoError;

  return (
    <main id="main" tabIndex={-1} className="flex min-h-screen items-start justify-center px-4 pt-[12vh]">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2">
          <img src="/favicon.svg" alt="" className="size-6" />
          <span className="text-base font-semibold tracking-tight text-zinc-900">Identdesk</span>
        </div>
        <section aria-labelledby="sign-in-heading" className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs">
          <h1 id="sign-in-heading" className="text-lg font-semibold tracking-tight text-zinc-900">
            Sign in
          </h1>
          <p className="mt-1 text-sm text-zinc-500">Identdesk shows bank customers’ identity data. Every view is recorded.</p>

          {problem ? (
            <div
              role="alert"
              className="mt-4 flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
            >
              <TriangleExclamationPoint aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              <p>{problem}</p>
            </div>
          ) : null}

          <form className="mt-4 space-y-3" onSubmit={submit} noValidate>
            <TextField
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <TextField
              label="Password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <Button type="submit" variant="primary" className="w-full" disabled={login.isPending}>
              <LogIn aria-hidden="true" />
              {login.isPending ? 'Signing in…' : 'Sign in'}
            </Button>
          </form>

          {oidc ? (
            <>
              <div className="my-4 flex items-center gap-3 text-xs text-zinc-400" aria-hidden="true">
                <span className="h-px flex-1 bg-zinc-200" />
                or
                <span className="h-px flex-1 bg-zinc-200" />
              </div>
              <a
                href={`${oidc.loginPath}?redirect=${encodeURIComponent(safeReturnPath(search.redirect))}`}
                className={buttonClasses({ className: 'w-full' })}
              >
                <KeyRound aria-hidden="true" />
                Sign in with {oidc.name}
              </a>
            </>
          ) : null}
        </section>

        {demo ? (
          <section aria-labelledby="demo-heading" className="mt-4 rounded-lg border border-dashed border-zinc-300 px-4 py-3 text-xs text-zinc-600">
            <h2 id="demo-heading" className="font-medium text-zinc-800">
              Demo accounts of the sandbox
            </h2>
            <p className="mt-1">
              Password <code className="font-mono text-zinc-900">{demo.password}</code> for each:
            </p>
            <ul className="mt-1 space-y-0.5">
              {demo.accounts.map((account) => (
                <li key={account.email}>
                  <code className="font-mono text-zinc-900">{account.email}</code> · {ROLE_DETAILS[account.role].label}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </main>
  );
}

/** The server words refusals (wrong credentials, lockout, too many attempts); other failures get the usual description. */
function loginProblem(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    const code = isRecord(data) ? data.code : null;
    if (code === 'UNAUTHORIZED' || code === 'TOO_MANY_REQUESTS') return error.message;
    const fieldErrors = isRecord(data) && Array.isArray(data.fieldErrors) ? data.fieldErrors : [];
    const messages = fieldErrors.map((fieldError: unknown) => (isRecord(fieldError) ? String(fieldError.message) : '')).filter(Boolean);
    if (code === 'BAD_REQUEST' && messages.length > 0) return messages.join(' ');
  }
  const description = describeError(error);
  return `${description.title}. ${description.hint}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
