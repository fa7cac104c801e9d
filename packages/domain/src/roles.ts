import { z } from 'zod';

/** Console roles, from the narrowest to the broadest. */
export const ROLES = ['agent', 'compliance', 'team_lead', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export interface RoleDetails {
  label: string;
  description: string;
}

export const ROLE_DETAILS: Record<Role, RoleDetails> = {
  agent: {
    label: 'Support agent',
    description: 'Looks up customers and identifications and answers customers with the guidance shown.',
  },
  compliance: {
    label: 'Compliance',
    description: 'Reviews fraud suspicions, failed identifications and documents that agents may not disclose.',
  },
  team_lead: {
    label: 'Team lead',
    description: 'Oversees the support team: metrics, escalations and the audit trail of its agents.',
  },
  admin: {
    label: 'Administrator',
    description: 'Manages users, roles and the connection to Solaris.',
  },
};
