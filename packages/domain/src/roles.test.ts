import { describe, expect, it } from 'vitest';
import { ROLE_DETAILS, ROLES, roleSchema } from './roles.ts';

describe('roles', () => {
  it('are agent, compliance, team_lead and admin', () => {
    expect([...ROLES]).toEqual(['agent', 'compliance', 'team_lead', 'admin']);
  });

  it('each have a label and a one-line description', () => {
    for (const role of ROLES) {
      expect(ROLE_DETAILS[role].label).toMatch(/^[A-Z]/);
      expect(ROLE_DETAILS[role].description).not.toMatch(/\n/);
      expect(ROLE_DETAILS[role].description.length).toBeGreaterThan(10);
    }
  });

  it('schema refuses other roles', () => {
    expect(roleSchema.safeParse('superuser').success).toBe(false);
    expect(roleSchema.safeParse('team_lead').success).toBe(true);
  });
});
