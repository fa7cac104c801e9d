import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { ROLES, type Role } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordUser } from '../testing/auth.ts';
import { callerFor } from '../testing/callers.ts';
import type { Access, ProcedureMeta, SignedInUser } from './init.ts';
import { appRouter } from './router.ts';

/** Every procedure of the app by dotted path, with the access its tier declared. */
// `_def.procedures` is flat at run time (dotted paths), though typed as the nested router.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>).map(
  ([path, procedure]) => ({ path, access: procedure._def.meta?.access }),
);

function allowedRoles(access: Access): readonly Role[] {
  if (access.kind === 'roles') return access.roles;
  return ROLES;
}

let handle: TestDatabase;
const users = {} as Record<Role, SignedInUser>;

beforeAll(async () => {
  handle = await openTestDatabase();
  for (const role of ROLES) users[role] = await createPasswordUser(handle.db, { role });
});
afterAll(() => handle.close());

/** Calls a procedure by its dotted path with an empty input; the error code, or 'OK'. */
async function codeOf(user: SignedInUser | null, path: string, input?: unknown): Promise<string> {
  const { caller } = callerFor(handle.db, user);
  const target = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    await (target as (input?: unknown) => Promise<unknown>)(input);
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `UNEXPECTED ${String(error)}`;
  }
}

describe('who may call each procedure', () => {
  it('every procedure declares its access', () => {
    expect(procedures.length).toBeGreaterThan(10);
    expect(procedures.filter((procedure) => !procedure.access).map((procedure) => procedure.path)).toEqual([]);
  });

  it('has the access Identdesk promises for the procedures this issue adds', () => {
    const accessOf = (path: string) => procedures.find((procedure) => procedure.path === path)?.access;
    expect(accessOf('auth.login')).toEqual({ kind: 'public' });
    expect(accessOf('auth.me')).toEqual({ kind: 'public' });
    expect(accessOf('auth.providers')).toEqual({ kind: 'public' });
    expect(accessOf('auth.logoutEverywhere')).toEqual({ kind: 'authenticated' });
    expect(accessOf('audit.list')).toEqual({ kind: 'roles', roles: ['compliance', 'admin'] });
    expect(accessOf('identification.revealReference')).toEqual({ kind: 'roles', roles: ['compliance'] });
  });

  it('has the access Identdesk promises for person changes and new identifications (issue #8)', () => {
    const accessOf = (path: string) => procedures.find((procedure) => procedure.path === path)?.access;
    const supportStaff = { kind: 'roles', roles: ['agent', 'compliance'] };
    expect(accessOf('address.validate')).toEqual(supportStaff);
    expect(accessOf('person.changeForm')).toEqual(supportStaff);
    expect(accessOf('person.proposeChange')).toEqual(supportStaff);
    expect(accessOf('person.changeProposals')).toEqual(supportStaff);
    expect(accessOf('person.withdrawChange')).toEqual(supportStaff);
    expect(accessOf('identification.startEligibility')).toEqual(supportStaff);
    expect(accessOf('identification.start')).toEqual(supportStaff);
    // Four eyes: only a compliance reviewer decides, and the decision sends the change to Solaris.
    expect(accessOf('compliance.decidePersonChange')).toEqual({ kind: 'roles', roles: ['compliance'] });
  });

  it('shows the Solaris status to every signed-in role (issue #9.4): it holds no personal data', () => {
    expect(procedures.find((procedure) => procedure.path === 'system.solarisStatus')?.access).toEqual({ kind: 'authenticated' });
  });

  for (const { path, access } of procedures) {
    if (access?.kind === 'public') {
      it(`${path}: public, answers without a session`, async () => {
        expect(['UNAUTHORIZED', 'FORBIDDEN']).not.toContain(await codeOf(null, path, {}));
      });
    }
    if (!access || access.kind === 'public') continue;
    const refused = ROLES.filter((role) => !allowedRoles(access).includes(role));

    it(`${path}: UNAUTHORIZED without a session${refused.length ? `, FORBIDDEN for ${refused.join(', ')}` : ''} — before reading any input`, async () => {
      // Empty and malformed inputs: the access error must come first, never a validation error.
      for (const input of [undefined, {}, { id: 42, reason: '' }]) {
        expect(await codeOf(null, path, input), `${path} without a session, input ${JSON.stringify(input)}`).toBe('UNAUTHORIZED');
        for (const role of refused) {
          expect(await codeOf(users[role], path, input), `${path} as ${role}, input ${JSON.stringify(input)}`).toBe('FORBIDDEN');
        }
      }
    });

    it(`${path}: lets ${allowedRoles(access).join(', ')} past the access check`, async () => {
      for (const role of allowedRoles(access)) {
        expect(['UNAUTHORIZED', 'FORBIDDEN']).not.toContain(await codeOf(users[role], path, {}));
      }
    });
  }
});
