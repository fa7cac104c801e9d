import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { SignInOutcome } from '../../auth/service.ts';
import { authenticatedProcedure, publicProcedure, router } from '../init.ts';

const loginInputSchema = z.object({
  email: z.string().trim().min(1, { error: 'Enter your email address.' }).max(320, { error: 'That email address is too long.' }),
  password: z.string().min(1, { error: 'Enter your password.' }).max(1024, { error: 'That password is too long.' }),
});

function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/** The same words whether or not the email has an account: the answer must not tell. */
function refusal(outcome: Exclude<SignInOutcome, { ok: true }>, now: Date): TRPCError {
  switch (outcome.reason) {
    case 'invalid_credentials':
      return new TRPCError({ code: 'UNAUTHORIZED', message: 'The email or password is not right. Check both and try again.' });
    case 'locked': {
      const minutes = minutesUntil(outcome.until, now);
      return new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}. Try again then, or ask an admin.`,
      });
    }
    case 'rate_limited': {
      const minutes = minutesUntil(outcome.until, now);
      return new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `Too many sign-in attempts from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      });
    }
  }
}

export const authRouter = router({
  /** Who is signed in; null without a session (never an error, so the app can show the sign-in page). */
  me: publicProcedure.query(({ ctx }) => ({ user: ctx.user })),

  /**
   * How one may sign in here: always with a password; with the OIDC provider when configured;
   * and, on the embedded sandbox only, which demo accounts exist (their password is public).
   */
  providers: publicProcedure.query(({ ctx }) => ({ password: true, oidc: ctx.auth.oidc, demo: ctx.auth.demo })),

  /** Checks the password, opens a session and sets its cookie (httpOnly, SameSite=Strict). */
  login: publicProcedure.input(loginInputSchema).mutation(async ({ ctx, input }) => {
    const outcome = await ctx.auth.service.signInWithPassword(input, ctx.origin);
    if (!outcome.ok) throw refusal(outcome, ctx.auth.clock());
    // A session the browser still held is ended: one sign-in, one session.
    if (ctx.auth.session) await ctx.auth.service.signOut(ctx.auth.session, ctx.origin);
    ctx.auth.cookies.set(outcome.token);
    return { user: outcome.user };
  }),

  /** Ends this session (if any: signing out twice is not an error) and clears the cookie. */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.auth.session) await ctx.auth.service.signOut(ctx.auth.session, ctx.origin);
    ctx.auth.cookies.clear();
    return { signedOut: true };
  }),

  /** Ends every session of the signed-in user, on every device. */
  logoutEverywhere: authenticatedProcedure.mutation(async ({ ctx }) => {
    const sessions = await ctx.auth.service.signOutEverywhere(ctx.user, ctx.origin);
    ctx.auth.cookies.clear();
    return { sessions };
  }),
});
