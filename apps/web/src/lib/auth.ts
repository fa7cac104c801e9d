import type { Role } from '@identdesk/domain';
import { redirect } from '@tanstack/react-router';
import type { RouterContext } from '../routes/__root.tsx';
import type { RouterOutputs } from './trpc.ts';

export type SignedInUser = NonNullable<RouterOutputs['auth']['me']['user']>;

/**
 * Which roles use each section of the console. Navigation shows a role only its sections, and
 * each route refuses the others in words (the server refuses them too: this is not the control,
 * only the courtesy).
 */
export const SECTION_ROLES = {
  '/': ['agent', 'compliance', 'admin'],
  '/metrics': ['team_lead', 'admin'],
  '/compliance': ['compliance'],
  '/audit': ['compliance', 'admin'],
  '/status': ['admin'],
  '/admin': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type SectionPath = keyof typeof SECTION_ROLES;

export function mayOpen(section: SectionPath, role: Role): boolean {
  return (SECTION_ROLES[section] as readonly Role[]).includes(role);
}

/** Where a role starts: search for those who work with customers, metrics for team leads. */
export function homeFor(role: Role): '/' | '/metrics' {
  return mayOpen('/', role) ? '/' : '/metrics';
}

export const LOGIN_PATH = '/login';

/** The signed-in user, from the query cache when fresh; null without a session. */
export async function currentUser(context: RouterContext): Promise<SignedInUser | null> {
  const me = await context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions());
  return me.user;
}

/** For a route's `beforeLoad`: sends a visitor without a session to sign in, and back here afterwards. */
export async function requireSignedIn(context: RouterContext, location: { href: string }): Promise<SignedInUser> {
  const user = await currentUser(context);
  if (!user) {
    throw redirect({ to: LOGIN_PATH, search: { redirect: location.href } });
  }
  return user;
}

/**
 * For a section's loader: whether to load its data at all. A role that does not use the section
 * gets nothing loaded (and no refused request): the page shows why instead (SectionGate).
 */
export async function mayLoad(context: RouterContext, section: SectionPath): Promise<boolean> {
  const user = await currentUser(context);
  return user !== null && mayOpen(section, user.role);
}
