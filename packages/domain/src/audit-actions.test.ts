import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  auditActionSchema,
  auditEventFilterSchema,
  revealReasonSchema,
} from './audit-actions.ts';

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

describe('audit event filter', () => {
  it('takes ids and ISO instants, and refuses names', () => {
    expect(
      auditEventFilterSchema.parse({
        userId: '0b6c1f5e-2a0c-4b8e-9a51-6d1c2f3e4a5b',
        personId: 'b1a5b9a8c6f64f0e8e5d4c3b2a190807cper',
        action: 'person.viewed',
        from: '2030-06-01T00:00:00.000Z',
        to: '2030-06-02T00:00:00+02:00',
      }).action,
    ).toBe('person.viewed');
    expect(auditEventFilterSchema.safeParse({ personId: 'Jane Doe' }).success).toBe(false);
    expect(auditEventFilterSchema.safeParse({ from: '1 June' }).success).toBe(false);
  });
});
