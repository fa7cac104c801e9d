import { describeFailureCode, tellCustomerAbout } from './failure-codes.ts';
import { IDENTIFICATION_STATUS_MEANINGS, type IdentificationStatus } from './identification-status.ts';

/** What decides what an agent may do for the customer now. */
export interface IdentificationGuidanceFacts {
  status: IdentificationStatus;
  /** The 14-day link has run out (the identification was requested more than 14 days ago). */
  urlExpired: boolean;
  /** The failure code of the latest IDnow attempt, or null. */
  latestFailureCode: string | null;
}

export interface IdentificationGuidance {
  /** One or two sentences for the agent: where it stands and what to do. */
  summary: string;
  /** May the partner offer banking services now (seed: pending_successful and successful)? */
  canOfferServices: boolean;
  /** Can the customer (re)start the video call with the link they already have? */
  retrySameLink: boolean;
  /** Does the customer need a new identification to go on? */
  newIdentificationNeeded: boolean;
  /**
   * May the agent tell the customer why: the failure reason or what a review is about. Never for
   * `failed` (the seed: no reason can be disclosed) and never while a doubtful call is reviewed
   * (a fraud suspicion must not reach the customer).
   */
  mayDiscloseOutcome: boolean;
  /** What the agent tells the customer, already within what may be disclosed. */
  tellCustomer: string;
  /** Rules that hold for this identification whatever the customer asks. */
  cautions: string[];
}

/** The seed: "refrain from sharing the IDnow's reference ID with the customer under any circumstances". */
export const NEVER_SHARE_REFERENCE = 'Never give the customer the IDnow reference, whatever they ask.';

const NEVER_MENTION_SUSPICION = 'Never mention a suspicion, fraud or the review’s subject to the customer.';

const CUSTOMER_MESSAGES = {
  created: 'Your video identification is set up. You will get the link to start it in the app.',
  pending: 'Please complete your video identification with the link you received, with your ID document at hand.',
  expired: 'Your identification link has expired. We will send you a new one so you can identify.',
  pending_successful: 'Your video identification was successful. A final check is running; it usually takes a few minutes.',
  pending_failed:
    'Your identification is being reviewed. We will contact you when the review is complete, so please do not start a new attempt in the meantime.',
  successful: 'Your video identification was successful.',
} as const;

function failureOf(code: string | null) {
  if (code === null || code.trim() === '') return null;
  return describeFailureCode(code);
}

/**
 * What the agent may do now for an identification, from the seed's status table and the IDnow
 * failure code of the latest attempt: offer services, send the customer back to the same link,
 * start a new identification, and what may be told.
 */
export function identificationGuidance(facts: IdentificationGuidanceFacts): IdentificationGuidance {
  const { status, urlExpired } = facts;
  const meaning = IDENTIFICATION_STATUS_MEANINGS[status];
  const base = {
    canOfferServices: meaning.servicesAllowed,
    retrySameLink: false,
    newIdentificationNeeded: meaning.newIdentificationNeeded,
    mayDiscloseOutcome: true,
    cautions: [NEVER_SHARE_REFERENCE],
  };

  switch (status) {
    case 'created':
      return {
        ...base,
        summary: 'Not requested from IDnow yet: the customer has no link. Request the identification before sending the customer to the video call.',
        tellCustomer: CUSTOMER_MESSAGES.created,
      };
    case 'pending':
      if (urlExpired) {
        return {
          ...base,
          newIdentificationNeeded: true,
          summary: 'The 14-day link ran out before the customer finished the call. A new identification is needed.',
          tellCustomer: CUSTOMER_MESSAGES.expired,
        };
      }
      return {
        ...base,
        retrySameLink: true,
        summary: 'The customer has a link and has not finished the video call yet. They can start or continue with the same link.',
        tellCustomer: CUSTOMER_MESSAGES.pending,
      };
    case 'pending_successful':
      return {
        ...base,
        summary:
          'The call succeeded and IDnow reviews it (minutes, up to 24 hours). Banking services may be offered already; if the review ends failed or canceled, the account is blocked.',
        tellCustomer: CUSTOMER_MESSAGES.pending_successful,
      };
    case 'pending_failed':
      return {
        ...base,
        mayDiscloseOutcome: false,
        cautions: [NEVER_SHARE_REFERENCE, NEVER_MENTION_SUSPICION],
        summary:
          'Under review after a doubtful call. Offer no banking services and do not start a new attempt; it may still turn successful, but that is unlikely.',
        tellCustomer: CUSTOMER_MESSAGES.pending_failed,
      };
    case 'successful':
      return {
        ...base,
        summary: 'The customer is identified and can be onboarded. The IDnow agent may have corrected data during the call: check the changes.',
        tellCustomer: CUSTOMER_MESSAGES.successful,
      };
    case 'failed':
      return {
        ...base,
        mayDiscloseOutcome: false,
        cautions: [NEVER_SHARE_REFERENCE, 'Give no reason for the failure, whatever the failure code says.', NEVER_MENTION_SUSPICION],
        summary:
          'The identification failed. The customer cannot be onboarded or offered any banking service, and no reason may be disclosed.',
        tellCustomer: tellCustomerAbout('failed', facts.latestFailureCode),
      };
    case 'expired':
      return {
        ...base,
        newIdentificationNeeded: true,
        summary: 'The 14-day link ran out before the customer finished. A new identification is needed.',
        tellCustomer: CUSTOMER_MESSAGES.expired,
      };
    case 'aborted':
    case 'canceled':
      return retryGuidance(base, status, urlExpired, facts.latestFailureCode);
  }
}

function retryGuidance(
  base: Omit<IdentificationGuidance, 'summary' | 'tellCustomer'>,
  status: 'aborted' | 'canceled',
  urlExpired: boolean,
  latestFailureCode: string | null,
): IdentificationGuidance {
  const failure = failureOf(latestFailureCode);
  const what = status === 'aborted' ? 'The call was aborted' : 'IDnow canceled the identification';
  const because = failure ? ` (${failure.code}: ${failure.description.replace(/\.$/, '')})` : '';
  if (urlExpired) {
    return {
      ...base,
      newIdentificationNeeded: true,
      summary: `${what}${because}, and the 14-day link has run out since. A new identification is needed.`,
      tellCustomer: CUSTOMER_MESSAGES.expired,
    };
  }
  if (failure?.permanent) {
    // A permanent code fails the same way on the same link; data mismatches can be corrected
    // and then identified anew, the others need another way (the code's own advice says which).
    return {
      ...base,
      newIdentificationNeeded: failure.category === 'DATA',
      summary: `${what}${because}. ${failure.newAttemptReason}`,
      tellCustomer: failure.tellCustomer,
    };
  }
  return {
    ...base,
    retrySameLink: true,
    summary: `${what}${because}. The customer can identify again with the same link.`,
    tellCustomer: tellCustomerAbout(status, latestFailureCode),
  };
}
