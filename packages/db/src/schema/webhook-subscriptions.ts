import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/** A Solaris webhook subscription. The secret is shown once by Solaris and is needed to verify signatures. */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: text('id').primaryKey(),
  eventType: text('event_type').notNull(),
  url: text('url').notNull(),
  secret: text('secret'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  cancelledAt: timestamptz('cancelled_at'),
});

export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;
