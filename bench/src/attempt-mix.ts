import { FAILURE_CODES, PROOF_OF_ADDRESS_TYPES, type FailureCode } from '@identdesk/domain';
import type { WeightedName } from './names.ts';

interface WeightedCode {
  code: FailureCode;
  weight: number;
}

/**
 * Why IDnow agents abort calls, roughly as a bank partner sees it: customers giving up while
 * waiting or mid-call and connection trouble lead, photo and lighting problems follow, and every
 * other code of the seed's table turns up now and then (weight 1).
 */
const ABORT_REASONS: readonly WeightedCode[] = [
  { code: 'USER_CANCELLATION', weight: 140 },
  { code: 'USER_ABORT_WHILE_WAITING', weight: 120 },
  { code: 'TECH_DISCONNECTED_WEBSOCKET', weight: 80 },
  { code: 'CONNECTION_LOST', weight: 70 },
  { code: 'TECH_INTERNET_CONNECTION', weight: 45 },
  { code: 'TECH_LIGHTING', weight: 45 },
  { code: 'TECH_PHOTO', weight: 40 },
  { code: 'BAD_PHOTO_QUALITY', weight: 35 },
  { code: 'TECH_TIMEOUT', weight: 35 },
  { code: 'USER_STARTED_NEW_REQUEST', weight: 30 },
  { code: 'ID_NOT_SUPPORTED', weight: 25 },
  { code: 'BAD_VIDEO', weight: 25 },
  { code: 'IDENT_CODE_NOT_RECEIVED', weight: 20 },
  { code: 'ENROLLED_TO_WAITING_LIST', weight: 15 },
  { code: 'DATA_ID_EXPIRED', weight: 12 },
  { code: 'ID_DAMAGED', weight: 10 },
];

/** Why IDnow cancels in review: mostly the document and the data, rarely the connection. */
const CANCEL_REASONS: readonly WeightedCode[] = [
  { code: 'TECH_HOLOGRAM', weight: 60 },
  { code: 'DATA_APPLICATION_DATA', weight: 50 },
  { code: 'DATA_APPLICATION_ADDRESS', weight: 40 },
  { code: 'BAD_PHOTO_QUALITY', weight: 35 },
  { code: 'ID_OTHER', weight: 25 },
  { code: 'USER_WRONG_PERSON', weight: 10 },
  { code: 'OTHER_MISCELLANEOUS_TEMPORARY', weight: 10 },
];

/** A code list with a long tail: every code of the seed's table at weight 1 besides the listed ones. */
function withTail(codes: readonly WeightedCode[]): WeightedCode[] {
  const listed = new Set(codes.map((entry) => entry.code));
  return [...codes, ...FAILURE_CODES.filter((code) => !listed.has(code)).map((code) => ({ code, weight: 1 }))];
}

/** A SQL text[] literal holding each code as often as its weight: indexed by a hash, it draws by weight. */
function weightedArraySql(codes: readonly WeightedCode[]): { sql: string; length: number } {
  const slots = codes.flatMap((entry) => Array.from({ length: entry.weight }, () => `'${entry.code}'`));
  return { sql: `(array[${slots.join(',')}])`, length: slots.length };
}

export const ABORT_REASON_SLOTS = weightedArraySql(withTail(ABORT_REASONS));
export const CANCEL_REASON_SLOTS = weightedArraySql(withTail(CANCEL_REASONS));

export const PROOF_OF_ADDRESS_TYPE_SLOTS = {
  sql: `(array[${PROOF_OF_ADDRESS_TYPES.map((type) => `'${type}'`).join(',')}])`,
  length: PROOF_OF_ADDRESS_TYPES.length,
};

/** The bank partner's branches a customer signed up through; about a fifth sign up online without one. */
export const BRANCHES: readonly WeightedName[] = [
  { display: 'Berlin Mitte', weight: 14 },
  { display: 'Hamburg Altona', weight: 11 },
  { display: 'München Schwabing', weight: 11 },
  { display: 'Köln Innenstadt', weight: 8 },
  { display: 'Frankfurt Westend', weight: 8 },
  { display: 'Stuttgart Mitte', weight: 6 },
  { display: 'Düsseldorf Altstadt', weight: 5 },
  { display: 'Leipzig Zentrum', weight: 4 },
  { display: 'Dresden Neustadt', weight: 3 },
  { display: 'Hannover List', weight: 3 },
  { display: 'Nürnberg Südstadt', weight: 3 },
  { display: 'Bremen Viertel', weight: 2 },
  { display: 'Essen Rüttenscheid', weight: 2 },
];
export const ONLINE_SIGN_UP_SHARE = 0.2;

/** Support staff who record proofs of address (agents) and decide them (compliance reviewers, four eyes). */
export const STAFF = {
  agents: 30,
  reviewers: 6,
} as const;
