import { z } from 'zod';

/**
 * The IDnow identification statuses of the seed, plus `expired` (public Solaris docs:
 * the 14-day URL ran out). Order follows the life of an identification.
 */
export const IDENTIFICATION_STATUSES = [
  'created',
  'pending',
  'pending_successful',
  'pending_failed',
  'successful',
  'aborted',
  'canceled',
  'failed',
  'expired',
] as const;

export const identificationStatusSchema = z.enum(IDENTIFICATION_STATUSES);
export type IdentificationStatus = z.infer<typeof identificationStatusSchema>;

export interface IdentificationStatusMeaning {
  status: IdentificationStatus;
  /** Short label for badges and filters. */
  label: string;
  /** The seed's description, in plain words for an agent. */
  description: string;
  /** May the partner offer banking services in this status? */
  servicesAllowed: boolean;
  /** Will this status never change again? */
  final: boolean;
  /** May the customer try again with the same URL (aborted, canceled)? */
  retryWithSameUrl: boolean;
  /** Is a new identification needed for the customer to continue? */
  newIdentificationNeeded: boolean;
  /**
   * Whether IDnow gives a reason: `given` for aborted and canceled; `never` for failed,
   * where no reason may be disclosed; `none` where the status carries no reason at all.
   */
  reason: 'given' | 'never' | 'none';
  /** Waiting for a second-line review at IDnow. */
  inReview: boolean;
}

export const IDENTIFICATION_STATUS_MEANINGS: Record<IdentificationStatus, IdentificationStatusMeaning> = {
  created: {
    status: 'created',
    label: 'Created',
    description: 'The identification exists but has not been requested from IDnow yet; the customer has no link.',
    servicesAllowed: false,
    final: false,
    retryWithSameUrl: false,
    newIdentificationNeeded: false,
    reason: 'none',
    inReview: false,
  },
  pending: {
    status: 'pending',
    label: 'Pending',
    description: 'Requested from IDnow: the customer has a link (valid 14 days) and has not finished the video call.',
    servicesAllowed: false,
    final: false,
    retryWithSameUrl: false,
    newIdentificationNeeded: false,
    reason: 'none',
    inReview: false,
  },
  pending_successful: {
    status: 'pending_successful',
    label: 'Successful, in review',
    description:
      'The video call succeeded and IDnow reviews it (minutes, up to 24 hours). Services may be offered; if the review ends failed or canceled, the bank account is blocked.',
    servicesAllowed: true,
    final: false,
    retryWithSameUrl: false,
    newIdentificationNeeded: false,
    reason: 'none',
    inReview: true,
  },
  pending_failed: {
    status: 'pending_failed',
    label: 'Failed, in review',
    description:
      'The identification is under review after a doubtful call. No services may be offered; it may still turn successful, but that is unlikely.',
    servicesAllowed: false,
    final: false,
    retryWithSameUrl: false,
    newIdentificationNeeded: false,
    reason: 'none',
    inReview: true,
  },
  successful: {
    status: 'successful',
    label: 'Successful',
    description:
      'The customer is identified and can be onboarded. The IDnow agent may have updated the customer data during the call.',
    servicesAllowed: true,
    final: true,
    retryWithSameUrl: false,
    newIdentificationNeeded: false,
    reason: 'none',
    inReview: false,
  },
  aborted: {
    status: 'aborted',
    label: 'Aborted',
    description: 'The call was aborted. The customer can identify again with the same URL; IDnow gives a reason.',
    servicesAllowed: false,
    final: false,
    retryWithSameUrl: true,
    newIdentificationNeeded: false,
    reason: 'given',
    inReview: false,
  },
  canceled: {
    status: 'canceled',
    label: 'Canceled',
    description:
      'IDnow canceled the identification (usually in review). The customer should identify again with the same URL; IDnow gives a reason.',
    servicesAllowed: false,
    final: false,
    retryWithSameUrl: true,
    newIdentificationNeeded: false,
    reason: 'given',
    inReview: false,
  },
  failed: {
    status: 'failed',
    label: 'Failed',
    description:
      'The identification was unsuccessful. The customer cannot be onboarded or offered any banking service, and no reason may be disclosed.',
    servicesAllowed: false,
    final: true,
    retryWithSameUrl: false,
    newIdentificationNeeded: false,
    reason: 'never',
    inReview: false,
  },
  expired: {
    status: 'expired',
    label: 'Expired',
    description: 'The 14-day link ran out before the customer finished. A new identification is needed.',
    servicesAllowed: false,
    final: true,
    retryWithSameUrl: false,
    newIdentificationNeeded: true,
    reason: 'none',
    inReview: false,
  },
};

/** The identification URL is valid for 14 days after the request (seed). */
export const IDENTIFICATION_URL_VALIDITY_DAYS = 14;

/** IDnow reviews typically take minutes but may take up to 24 hours (seed). */
export const REVIEW_MAX_HOURS = 24;
