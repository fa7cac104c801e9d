import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import {
  authenticatedProcedure,
  createCallerFactory,
  createContextInner,
  type ProcedureMeta,
  publicProcedure,
  roleProcedure,
  router,
  type SignedInUser,
} from './init.ts';
import { appRouter } from './router.ts';

const tiers = router({
  open: publicProcedure.query(() => 'open'),
  signedIn: authenticatedProcedure.query(({ ctx }) => ctx.user.email),
  reviewOnly: roleProcedure('compliance', 'admin').query(() => 'reviewed'),
});

function callerAs(user: SignedInUser | null) {
  return createCallerFactory(tiers)(
    createContextInner({
      // The tiers never touch the database; a closed stand-in proves that.
      db: undefined as never,
      databaseKind: 'pglite',
      user,
      origin: { ip: '127.0.0.1', userAgent: 'test' },
      logger: createLogger({ level: 'silent' }),
      now: () => new Date(),
    }),
  );
}

const agent: SignedInUser = { id: 'u1', email: 'agent@identdesk.local', displayName: 'Agent', role: 'agent' };
const reviewer: SignedInUser = { id: 'u2', email: 'compliance@identdesk.local', displayName: 'Reviewer', role: 'compliance' };

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : 'UNEXPECTED';
  }
}

describe('procedure tiers', () => {
  it('lets anyone call a public procedure', async () => {
    expect(await callerAs(null).open()).toBe('open');
  });

  it('answers UNAUTHORIZED, not FORBIDDEN, when nobody is signed in', async () => {
    expect(await codeOf(callerAs(null).signedIn())).toBe('UNAUTHORIZED');
    expect(await codeOf(callerAs(null).reviewOnly())).toBe('UNAUTHORIZED');
  });

  it('answers FORBIDDEN to a signed-in user without the role', async () => {
    expect(await callerAs(agent).signedIn()).toBe('agent@identdesk.local');
    expect(await codeOf(callerAs(agent).reviewOnly())).toBe('FORBIDDEN');
    expect(await callerAs(reviewer).reviewOnly()).toBe('reviewed');
  });
});

describe('appRouter', () => {
  it('declares who may call every procedure', () => {
    // `_def.procedures` is the flat map of every procedure by its dotted path.
    const procedures = Object.entries(appRouter._def.procedures as Record<string, unknown>) as [
      string,
      { _def: { meta?: ProcedureMeta } },
    ][];
    expect(procedures.map(([name]) => name)).toContain('system.overview');
    const undeclared = procedures.filter(([, procedure]) => !procedure._def.meta?.access).map(([name]) => name);
    expect(undeclared).toEqual([]);
  });
});
