import type { RouterOutputs } from '../../../lib/trpc.ts';

/** What `identification.get` answers (docs/handoff/agent-workspace-api.md). */
export type IdentificationView = RouterOutputs['identification']['get'];
export type IdentificationAttempt = IdentificationView['attempts'][number];
export type IdentificationDocumentRow = IdentificationView['documents'][number];
