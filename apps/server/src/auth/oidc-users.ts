import {
  findStaffUserByEmail,
  findStaffUserByOidcSubject,
  findUserOidcSubject,
  insertStaffUserUnlessTaken,
  linkOidcIdentity,
  type Database,
  type StaffUser,
} from '@identdesk/db';
import { ROLES, type Role } from '@identdesk/domain';
import type { OidcSettings } from './settings.ts';

/** What Identdesk reads from the provider's ID token (and userinfo). */
export interface OidcClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  [claim: string]: unknown;
}

/** Why an OIDC sign-in was refused; the sign-in page words each one. */
export type OidcRefusal = 'unknown_user' | 'no_role' | 'ambiguous_role' | 'disabled' | 'subject_mismatch' | 'email_unverified';

export type OidcUserResolution =
  | { ok: true; user: StaffUser; provisioned: boolean; roleChangedFrom: Role | null }
  | { ok: false; refusal: OidcRefusal };

/** The role the claim grants: one role, none, or more than one (which the provider must sort out). */
export function roleFromClaim(claims: OidcClaims, settings: Pick<OidcSettings, 'roleClaim' | 'roleMap'>): Role | 'none' | 'ambiguous' {
  if (!settings.roleClaim) return 'none';
  const raw = claims[settings.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string');
  const roles = new Set<Role>();
  for (const value of values) {
    const role = settings.roleMap ? settings.roleMap[value] : (ROLES as readonly string[]).includes(value) ? (value as Role) : undefined;
    if (role) roles.add(role);
  }
  if (roles.size === 0) return 'none';
  if (roles.size > 1) return 'ambiguous';
  const [role] = roles;
  return role ?? 'none';
}

/**
 * Finds (or, when the provider decides roles, creates) the Identdesk user of an OIDC identity.
 *
 * - Matched by `oidc_subject` first; else by email (lower-case), if the provider has not said
 *   the email is unverified, and the subject is then linked to that user. A user already linked
 *   to another subject is refused.
 * - With OIDC_ROLE_CLAIM set, the provider decides: an unknown identity with a role becomes a
 *   user, and a known user gets the claim's role on every sign-in; without a role it is refused.
 * - Without it, only existing users sign in, with the role stored in Identdesk (`pnpm user:create`).
 */
export async function resolveOidcUser(db: Database, claims: OidcClaims, settings: OidcSettings): Promise<OidcUserResolution> {
  const email = typeof claims.email === 'string' && claims.email.includes('@') ? claims.email.trim().toLowerCase() : null;
  const claimRole = roleFromClaim(claims, settings);
  if (settings.roleClaim && claimRole === 'none') return { ok: false, refusal: 'no_role' };
  if (claimRole === 'ambiguous') return { ok: false, refusal: 'ambiguous_role' };
  const grantedRole = claimRole === 'none' ? undefined : claimRole;

  // Two first sign-ins of the same person can arrive at once (two tabs, a double click): both find
  // no user and try to create one. The one that loses signs in as the user the other one created,
  // going through the same checks as any existing user; only the creator reports a provisioning.
  for (let round = 0; round < 2; round++) {
    let user = await findStaffUserByOidcSubject(db, claims.sub);
    if (!user && email) {
      if (claims.email_verified === false) return { ok: false, refusal: 'email_unverified' };
      const byEmail = await findStaffUserByEmail(db, email);
      if (byEmail) {
        const linked = await findUserOidcSubject(db, byEmail.id);
        if (linked !== null && linked !== claims.sub) return { ok: false, refusal: 'subject_mismatch' };
        user = byEmail;
      }
    }

    if (!user) {
      if (!grantedRole || !email) return { ok: false, refusal: 'unknown_user' };
      const displayName = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim() : email;
      const created = await insertStaffUserUnlessTaken(db, { email, displayName, role: grantedRole, oidcSubject: claims.sub });
      if (created) return { ok: true, user: created, provisioned: true, roleChangedFrom: null };
      continue;
    }
    if (user.disabledAt) return { ok: false, refusal: 'disabled' };

    const previousRole = user.role;
    const updated = await linkOidcIdentity(db, user.id, { oidcSubject: claims.sub, role: grantedRole });
    return { ok: true, user: updated, provisioned: false, roleChangedFrom: updated.role === previousRole ? null : previousRole };
  }
  // Only when the user that blocked the insert was gone again by the time it was looked up.
  throw new Error('OIDC user could not be created or found');
}
