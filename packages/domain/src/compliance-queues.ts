import { z } from 'zod';

/**
 * The compliance work queues. Proof-of-address decisions are not listed: a submission's own
 * review status is its queue state, while these are identifications a reviewer acknowledges.
 */
export const COMPLIANCE_QUEUES = ['reversed_success', 'fraud_suspicion', 'data_changed', 'review_overdue'] as const;
export const complianceQueueSchema = z.enum(COMPLIANCE_QUEUES);
export type ComplianceQueue = z.infer<typeof complianceQueueSchema>;
