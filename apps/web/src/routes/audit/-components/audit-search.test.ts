import { describe, expect, it } from 'vitest';
import { auditExportHref, auditFilterOf, auditListInput, auditSearchSchema } from './audit-search.ts';

describe('audit page search', () => {
  it('keeps ids, actions and days, and drops what it cannot read', () => {
    expect(
      auditSearchSchema.parse({
        userId: 'not-a-uuid',
        personId: 'Jane Doe',
        action: 'person.viewed',
        from: '2030-06-01',
        to: 'yesterday',
        page: 2,
      }),
    ).toEqual({ action: 'person.viewed', from: '2030-06-01', page: 2 });
    expect(auditSearchSchema.parse({ personId: 12345 }).personId).toBe('12345');
  });

  it('turns days into instants of the local time zone, the end day included', () => {
    const filter = auditFilterOf({ from: '2030-06-01', to: '2030-06-01' });
    expect(filter.from).toBe(new Date(2030, 5, 1).toISOString());
    expect(filter.to).toBe(new Date(2030, 5, 2).toISOString());
    expect(auditListInput({ page: 3 })).toEqual({ page: 3, pageSize: 25 });
  });

  it('links the CSV export to the same filters without the page', () => {
    expect(auditExportHref({ action: 'auth.login_failed', personId: 'abc', page: 4 })).toBe(
      '/api/audit/export.csv?personId=abc&action=auth.login_failed',
    );
    expect(auditExportHref({})).toBe('/api/audit/export.csv');
  });
});
