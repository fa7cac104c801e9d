import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionSchema, revealReasonSchema } from './audit-actions.ts';

describe('audit actions', () => {
  it('each have a label that reads as a sentence start', () => {
    for (const action of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[action]).toMatch(/^[A-Z]/);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  it('are dotted area.verb names the schema accepts, and nothing else', () => {
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(auditActionSchema.safeParse('person.viewed').success).toBe(true);
    expect(auditActionSchema.safeParse('person.deleted').success).toBe(false);
  });
});

describe('reveal reason', () => {
  it('needs ten characters after trimming', () => {
    expect(revealReasonSchema.safeParse('   too short   ').success).toBe(false);
    expect(revealReasonSchema.parse('  Fraud case 2024-113  ')).toBe('Fraud case 2024-113');
  });
});
