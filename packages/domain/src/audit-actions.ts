import { z } from 'zod';

/**
 * What the audit trail records. Every view of a person, document opened or downloaded, reveal,
 * edit, decision and sign-in is one of these; the audit page filters by them.
 */
export const AUDIT_ACTIONS = [
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.login_locked',
  'auth.login_rate_limited',
  'auth.logout',
  'auth.logout_everywhere',
  'user.created',
  'user.provisioned',
  'person.searched',
  'person.viewed',
  'person.change_proposed',
  'person.change_withdrawn',
  'person.change_decided',
  'person.change_applied',
  'person.change_failed',
  'identification.viewed',
  'identification.started',
  'identification.reference_revealed',
  'document.opened',
  'document.downloaded',
  'proof_of_address.recorded',
  'proof_of_address.decided',
  'audit.exported',
  'webhook_delivery.replayed',
  'compliance.queue_viewed',
  'compliance.acknowledged',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS, { error: 'is not a known audit action' });
export type AuditAction = z.infer<typeof auditActionSchema>;

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'auth.login_succeeded': 'Signed in',
  'auth.login_failed': 'Sign-in failed',
  'auth.login_locked': 'Sign-in refused: account locked',
  'auth.login_rate_limited': 'Sign-in refused: too many attempts from the address',
  'auth.logout': 'Signed out',
  'auth.logout_everywhere': 'Signed out everywhere',
  'user.created': 'User created',
  'user.provisioned': 'User provisioned by single sign-on',
  'person.searched': 'Searched customers',
  'person.viewed': 'Viewed a customer',
  'person.change_proposed': 'Proposed a change to a customer',
  'person.change_withdrawn': 'Withdrew a proposed change',
  'person.change_decided': 'Decided on a proposed change',
  'person.change_applied': 'Change applied at Solaris',
  'person.change_failed': 'Change refused by Solaris',
  'identification.viewed': 'Viewed an identification',
  'identification.started': 'Started a new identification',
  'identification.reference_revealed': 'Revealed the IDnow reference',
  'document.opened': 'Opened a document',
  'document.downloaded': 'Downloaded a document',
  'proof_of_address.recorded': 'Recorded a proof of address',
  'proof_of_address.decided': 'Decided on a proof of address',
  'audit.exported': 'Exported the audit trail',
  'webhook_delivery.replayed': 'Replayed a webhook delivery',
  'compliance.queue_viewed': 'Viewed a compliance queue',
  'compliance.acknowledged': 'Acknowledged a compliance queue item',
};

/** A reason for seeing data one's role does not show by default: long enough to mean something. */
export const REVEAL_REASON_MIN_LENGTH = 10;
export const revealReasonSchema = z
  .string()
  .trim()
  .min(REVEAL_REASON_MIN_LENGTH, { error: `Give a reason of at least ${REVEAL_REASON_MIN_LENGTH} characters.` })
  .max(500, { error: 'Keep the reason under 500 characters.' });

/**
 * What the audit page filters by, in its URL and in `audit.list` / the CSV export. Only ids go
 * into URLs: a staff user's id, a Solaris person id; never a name. Times are ISO instants.
 */
export const auditEventFilterSchema = z.object({
  userId: z.uuid({ error: 'is not a user id' }).optional(),
  personId: z
    .string()
    .trim()
    .regex(/^[0-9a-z]{1,64}$/i, { error: 'is not a person id' })
    .optional(),
  action: auditActionSchema.optional(),
  from: z.iso.datetime({ offset: true, error: 'is not an ISO date-time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'is not an ISO date-time' }).optional(),
});
export type AuditEventFilter = z.infer<typeof auditEventFilterSchema>;
