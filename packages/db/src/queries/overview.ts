import { IDENTIFICATION_STATUSES, type IdentificationStatus } from '@identdesk/domain';
import { count, max, ne } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { identifications } from '../schema/identifications.ts';
import { persons } from '../schema/persons.ts';
import { webhookDeliveries } from '../schema/webhook-deliveries.ts';

export interface SystemOverview {
  persons: number;
  identifications: number;
  /** Every status, 0 when none. */
  identificationsByStatus: Record<IdentificationStatus, number>;
  /** ISO time of the last delivery that was not rejected, null before the first. */
  lastWebhookAt: string | null;
}

export async function getSystemOverview(db: DatabaseExecutor): Promise<SystemOverview> {
  const [personCount, statusCounts, lastWebhook] = await Promise.all([
    db.select({ count: count() }).from(persons),
    db.select({ status: identifications.status, count: count() }).from(identifications).groupBy(identifications.status),
    db
      .select({ at: max(webhookDeliveries.receivedAt) })
      .from(webhookDeliveries)
      .where(ne(webhookDeliveries.status, 'rejected')),
  ]);

  const identificationsByStatus = Object.fromEntries(IDENTIFICATION_STATUSES.map((status) => [status, 0])) as Record<
    IdentificationStatus,
    number
  >;
  for (const { status, count: n } of statusCounts) identificationsByStatus[status] = n;

  return {
    persons: personCount[0]?.count ?? 0,
    identifications: statusCounts.reduce((sum, row) => sum + row.count, 0),
    identificationsByStatus,
    lastWebhookAt: lastWebhook[0]?.at?.toISOString() ?? null,
  };
}
