import { auditActionSchema, DEFAULT_PAGE_SIZE, type AuditAction } from '@identdesk/domain';
import { z } from 'zod';

/** The router reads `?personId=123` as a number; ids are text. */
const asText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

/**
 * The audit page's filters, as they stand in its URL. Ids and dates only: a staff user's id, a
 * Solaris person id, never a name, so nothing personal lands in history or access logs. An
 * unreadable value is dropped rather than breaking the page.
 */
export const auditSearchSchema = z.object({
  userId: z.uuid().optional().catch(undefined),
  personId: z.preprocess(asText, z.string().regex(/^[0-9a-z]{1,64}$/i).optional()).catch(undefined),
  action: auditActionSchema.optional().catch(undefined),
  /** Local calendar days, inclusive. */
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.number().int().min(1).optional().catch(undefined),
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;

export const AUDIT_PAGE_SIZE = DEFAULT_PAGE_SIZE;

/** Midnight at the start of a local calendar day, as an ISO instant. */
function localDayStart(day: string, addDays = 0): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date + addDays).toISOString();
}

export interface AuditFilterInput {
  userId?: string;
  personId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
}

/** The server's filter: days become instants in the viewer's time zone, `to` covering its whole day. */
export function auditFilterOf(search: AuditSearch): AuditFilterInput {
  return {
    ...(search.userId ? { userId: search.userId } : {}),
    ...(search.personId ? { personId: search.personId } : {}),
    ...(search.action ? { action: search.action } : {}),
    ...(search.from ? { from: localDayStart(search.from) } : {}),
    ...(search.to ? { to: localDayStart(search.to, 1) } : {}),
  };
}

export function auditListInput(search: AuditSearch) {
  return { ...auditFilterOf(search), page: search.page ?? 1, pageSize: AUDIT_PAGE_SIZE };
}

/** The CSV export of exactly what the filters select (all pages). */
export function auditExportHref(search: AuditSearch): string {
  const query = new URLSearchParams(Object.entries(auditFilterOf(search)) as [string, string][]).toString();
  return `/api/audit/export.csv${query ? `?${query}` : ''}`;
}

export function hasFilters(search: AuditSearch): boolean {
  return Boolean(search.userId || search.personId || search.action || search.from || search.to);
}
