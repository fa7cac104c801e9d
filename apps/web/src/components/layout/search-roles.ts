import type { Role } from '@identdesk/domain';

/**
 * The roles that search customers and open their pages (docs/handoff/agent-workspace-api.md:
 * search.persons and person.get allow agent and compliance). Admins run the system and see no
 * customer data; team leads work with figures.
 */
export const SEARCH_ROLES: readonly Role[] = ['agent', 'compliance'];
