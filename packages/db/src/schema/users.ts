import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '@identdesk/domain';
import { isOneOf, timestamptz } from './columns.ts';

// The check keeps an unknown role out of the table that authorisation reads.

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-case (checked), unique. */
    email: text('email').notNull().unique('users_email_unique'),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** Null for users who only sign in through OIDC. */
    passwordHash: text('password_hash'),
    oidcSubject: text('oidc_subject').unique('users_oidc_subject_unique'),
    disabledAt: timestamptz('disabled_at'),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamptz('locked_until'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('users_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check('users_role_known', isOneOf(t.role, ROLES)),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
