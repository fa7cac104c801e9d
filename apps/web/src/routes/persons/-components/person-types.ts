import type { RouterOutputs } from '../../../lib/trpc.ts';

/** What `person.get` answers (docs/handoff/agent-workspace-api.md), as the page's parts see it. */
export type PersonDetail = RouterOutputs['person']['get'];
export type PersonIdentification = PersonDetail['identifications'][number];
export type PersonDocument = PersonDetail['documents'][number];
export type PersonHistoryEntry = PersonDetail['history'][number];
export type ProofOfAddressSubmission = PersonDetail['proofOfAddress']['submissions'][number];
