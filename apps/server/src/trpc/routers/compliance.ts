import {
  acknowledgeComplianceItem,
  COMPLIANCE_WORK_QUEUES,
  countComplianceQueues,
  decidePersonChangeProposal,
  decideProofOfAddressSubmission,
  markPersonChangeFailed,
  listComplianceQueue,
  PROOF_OF_ADDRESS_DECISIONS,
  type ComplianceQueueItem,
  type ComplianceWorkQueue,
  type IdentificationQueueItem,
  type ProofOfAddressQueueItem,
} from '@identdesk/db';
import {
  checkProofOfAddressAge,
  COMPLIANCE_QUEUES,
  describeFailureCode,
  IDENTIFICATION_STATUS_MEANINGS,
  identificationIdSchema,
  IDNOW_RESULT_MEANINGS,
  IDNOW_USER_DATA_FIELDS,
  MAX_PAGE_SIZE,
  PROOF_OF_ADDRESS_TYPE_LABELS,
  PROOF_OF_ADDRESS_UPLOAD_STATUS_LABELS,
  proofOfAddressAgeMessage,
  REVIEW_MAX_HOURS,
  type IdnowResult,
  type ProofOfAddressUploadStatus,
} from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { audit } from '../../audit/audit.ts';
import { applyPersonChange } from '../../person-changes/apply.ts';
import { proposalView, type PersonChangeProposal } from '../../person-changes/proposal-view.ts';
import { roleProcedure, router, type Context } from '../init.ts';

/**
 * Compliance reviewers only. Admins run the system (users, Solaris connection, webhooks) and see
 * no customer data they do not need; a four-eyes decision is a compliance reviewer's, so an
 * admin account cannot be the second pair of eyes either.
 */
const complianceProcedure = roleProcedure('compliance');

interface QueueText {
  label: string;
  /** What the queue holds and what the reviewer does about it. */
  description: string;
  /** The acknowledgement's name, as the button and the audit trail say it; null: items are decided, not acknowledged. */
  acknowledgement: string | null;
}

export const COMPLIANCE_QUEUE_TEXT: Record<ComplianceWorkQueue, QueueText> = {
  proof_of_address: {
    label: 'Proof of address',
    description:
      'Proofs of address agents recorded. A second person approves, rejects, or asks the customer for a new one; nobody decides their own.',
    acknowledgement: null,
  },
  person_changes: {
    label: 'Customer data changes',
    description:
      'Changes to customers’ data that agents proposed, and changes Solaris refused. A second person approves (Identdesk then sends the change to Solaris) or rejects with a reason; nobody decides their own.',
    acknowledgement: null,
  },
  reversed_success: {
    label: 'Reversed successes',
    description:
      'Successful in review (pending_successful), then failed or canceled: the customer may already bank with us. Block the bank account, then acknowledge.',
    acknowledgement: 'Bank account blocked',
  },
  fraud_suspicion: {
    label: 'Fraud suspicion',
    description:
      'An IDnow agent or reviewer suspected fraud (FRAUD_SUSPICION_PENDING or _CONFIRMED). Review the case; never tell the customer.',
    acknowledgement: 'Reviewed',
  },
  data_changed: {
    label: 'Data changed in the call',
    description:
      'The IDnow agent corrected the customer’s data (SUCCESS_DATA_CHANGED). Check that the corrected data is plausible.',
    acknowledgement: 'Reviewed',
  },
  review_overdue: {
    label: 'Review overdue',
    description: `In IDnow review (pending_successful or pending_failed) for more than ${REVIEW_MAX_HOURS} hours, longer than IDnow promises. Check with Solaris.`,
    acknowledgement: 'Reviewed',
  },
};

const HOUR_MS = 60 * 60 * 1000;

const workQueueSchema = z.enum(COMPLIANCE_WORK_QUEUES, {
  error: `queue must be one of ${COMPLIANCE_WORK_QUEUES.join(', ')}`,
});
const acknowledgeableQueueSchema = z.enum(COMPLIANCE_QUEUES, {
  error: `queue must be one of ${COMPLIANCE_QUEUES.join(', ')} (proof-of-address submissions are decided, not acknowledged)`,
});

const NOTE_MIN_LENGTH = 10;
const NOTE_MAX_LENGTH = 2000;
const noteSchema = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(NOTE_MIN_LENGTH, { error: `${what} needs at least ${NOTE_MIN_LENGTH} characters: say what was done, for the next reviewer` })
    .max(NOTE_MAX_LENGTH, { error: `Keep the ${what.toLowerCase()} to ${NOTE_MAX_LENGTH} characters or fewer` });

const decideInputSchema = z
  .strictObject({
    submissionId: z.uuid({ error: 'submissionId must be the id of a proof-of-address submission (a UUID)' }),
    decision: z.enum(PROOF_OF_ADDRESS_DECISIONS, { error: `decision must be one of ${PROOF_OF_ADDRESS_DECISIONS.join(', ')}` }),
    reason: z.string().trim().max(NOTE_MAX_LENGTH, { error: `Keep the reason to ${NOTE_MAX_LENGTH} characters or fewer` }).optional(),
  })
  .superRefine((input, context) => {
    // Rejections and requests for a new proof reach the customer through the agent: say why.
    if (input.decision !== 'approve' && (input.reason ?? '').length < NOTE_MIN_LENGTH) {
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `A reason of at least ${NOTE_MIN_LENGTH} characters is required to ${
          input.decision === 'reject' ? 'reject' : 'ask for a new'
        } proof of address: the agent tells the customer what to fix`,
      });
    }
  });

const PERSON_CHANGE_DECISIONS = ['approve', 'reject'] as const;

const decidePersonChangeInputSchema = z
  .strictObject({
    proposalId: z.uuid({ error: 'proposalId must be the id of a proposed change (a UUID)' }),
    decision: z.enum(PERSON_CHANGE_DECISIONS, { error: `decision must be one of ${PERSON_CHANGE_DECISIONS.join(', ')}` }),
    reason: z.string().trim().max(NOTE_MAX_LENGTH, { error: `Keep the reason to ${NOTE_MAX_LENGTH} characters or fewer` }).optional(),
  })
  .superRefine((input, context) => {
    // The agent tells the customer why their change was not made.
    if (input.decision === 'reject' && (input.reason ?? '').length < NOTE_MIN_LENGTH) {
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `A reason of at least ${NOTE_MIN_LENGTH} characters is required to reject a change: the agent tells the customer why`,
      });
    }
  });

const hoursBetween = (from: Date, to: Date) => Math.max(0, Math.round(((to.getTime() - from.getTime()) / HOUR_MS) * 10) / 10);

function resultLabel(result: string): string {
  return IDNOW_RESULT_MEANINGS[result as IdnowResult]?.label ?? result;
}

function fieldLabel(path: string): string {
  return IDNOW_USER_DATA_FIELDS.find((field) => field.path === path)?.label ?? path;
}

function failureOf(code: string | null) {
  if (!code) return null;
  const described = describeFailureCode(code);
  return {
    code: described.code,
    description: described.description,
    permanent: described.permanent,
    causedByCustomer: described.causedByUser,
  };
}

/** One line a reviewer reads in the list: what happened, in IDnow's and the seed's words. */
function identificationDetail(item: IdentificationQueueItem, now: Date): string {
  const history = item.attemptResults.map(resultLabel).join(' → ');
  const failure = failureOf(item.failureCode);
  const failureText = failure ? ` ${failure.code}: ${failure.description}` : '';
  switch (item.queue) {
    case 'reversed_success':
      return `${history || IDENTIFICATION_STATUS_MEANINGS[item.status].label}.${failureText} The bank account must be blocked.`;
    case 'fraud_suspicion':
      return `${history}.${failureText}`;
    case 'data_changed': {
      const fields = item.changedFields.map(fieldLabel).join(', ');
      const when = item.changedInReview ? 'Changed in IDnow’s review' : 'Changed during the call';
      return fields ? `${when}: ${fields}.` : `${when}; IDnow names no field.`;
    }
    case 'review_overdue': {
      const hours = Math.floor(hoursBetween(item.reviewStartedAt ?? item.since, now));
      const attempts = history ? ` Attempts: ${history}.` : '';
      return `${IDENTIFICATION_STATUS_MEANINGS[item.status].label} for ${hours} hours; IDnow reviews take up to ${REVIEW_MAX_HOURS} hours.${attempts}`;
    }
  }
}

/**
 * The upload route refused proofs older than six months on the day they were recorded; one that
 * waited in the queue may have aged past that since. Checked against today, the day of the decision.
 */
function proofOfAddressWarnings(item: ProofOfAddressQueueItem, today: Date): string[] {
  const check = checkProofOfAddressAge(item.issuedOn, today);
  if (check.ok || check.reason !== 'too_old') return [];
  return [`${proofOfAddressAgeMessage(check) ?? 'Older than six months'}. Ask for a newer one rather than approve it.`];
}

function typeLabel(type: string): string {
  return (PROOF_OF_ADDRESS_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

/** Plain JSON over HTTP (decision 0002): instants as ISO strings, ages computed on the clock the times were kept on. */
function toQueueItem(ctx: Context, item: ComplianceQueueItem) {
  if (item.kind === 'person_change') {
    const viewer = ctx.user ?? { id: '', role: 'compliance' as const };
    const proposal: PersonChangeProposal = proposalView(item.proposal, viewer);
    const fields = proposal.changes.map((change) => change.label).join(', ');
    const refused = proposal.status === 'failed' ? ' Solaris refused it: look at its answer, then approve again or reject.' : '';
    return {
      kind: 'person_change' as const,
      queue: item.queue,
      identificationId: null,
      submissionId: null,
      personId: item.personId,
      personName: item.personName,
      status: proposal.status,
      since: item.since.toISOString(),
      // Proposed by staff on the wall clock, as decisions are.
      ageHours: hoursBetween(item.since, ctx.auth.clock()),
      detail: `${fields}, proposed by ${proposal.proposedBy.name}${proposal.nearbyAddress ? ' as a nearby address' : ''}.${refused}`,
      failure: null,
      proofOfAddress: null,
      proposal,
    };
  }
  if (item.kind === 'proof_of_address') {
    const ownSubmission = ctx.user?.id === item.recordedBy.id;
    return {
      kind: 'proof_of_address' as const,
      queue: item.queue,
      identificationId: item.identificationId,
      submissionId: item.submissionId,
      personId: item.personId,
      personName: item.personName,
      status: item.status,
      since: item.since.toISOString(),
      // Recorded by staff on the wall clock, as decisions are.
      ageHours: hoursBetween(item.since, ctx.auth.clock()),
      detail: `${typeLabel(item.type)}, issued ${item.issuedOn}, recorded by ${item.recordedBy.name}.`,
      failure: null,
      proofOfAddress: {
        type: item.type,
        typeLabel: typeLabel(item.type),
        issuedOn: item.issuedOn,
        note: item.note,
        recordedBy: item.recordedBy,
        recordedAt: item.recordedAt.toISOString(),
        fileName: item.fileName,
        contentType: item.contentType,
        size: item.size,
        hasFile: item.hasFile,
        uploadStatus: item.uploadStatus,
        uploadStatusLabel:
          (PROOF_OF_ADDRESS_UPLOAD_STATUS_LABELS as Record<string, string>)[item.uploadStatus as ProofOfAddressUploadStatus] ??
          item.uploadStatus,
        uploadError: item.uploadError,
        warnings: proofOfAddressWarnings(item, ctx.auth.clock()),
        mayDecide: !ownSubmission,
        decisionBlockedReason: ownSubmission
          ? 'You recorded this proof of address yourself. Four eyes: another compliance reviewer must decide it.'
          : null,
      },
      proposal: null,
    };
  }
  const now = ctx.now();
  return {
    kind: 'identification' as const,
    queue: item.queue,
    identificationId: item.identificationId,
    submissionId: null,
    personId: item.personId,
    personName: item.personName,
    status: item.status,
    since: item.since.toISOString(),
    ageHours: hoursBetween(item.since, now),
    detail: identificationDetail(item, now),
    failure: failureOf(item.failureCode),
    proofOfAddress: null,
    proposal: null,
  };
}

function notFound(message: string): never {
  throw new TRPCError({ code: 'NOT_FOUND', message });
}

function when(date: Date | null): string {
  return date ? ` on ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
}

/** The compliance reviewer's queues and four-eyes decisions (issue #6, items 4 and 5). */
export const complianceRouter = router({
  /** Open items and the oldest one's age per queue: counts only, no personal data, so not audited. */
  queueSummary: complianceProcedure.query(async ({ ctx }) => {
    const counts = await countComplianceQueues(ctx.db, { now: ctx.now() });
    return counts.map((count) => {
      // Staff record proofs and propose changes on the wall clock; identifications run on Identdesk's.
      const clock = count.queue === 'proof_of_address' || count.queue === 'person_changes' ? ctx.auth.clock() : ctx.now();
      return {
        queue: count.queue,
        ...COMPLIANCE_QUEUE_TEXT[count.queue],
        open: count.open,
        oldestAt: count.oldestAt?.toISOString() ?? null,
        oldestAgeHours: count.oldestAt ? hoursBetween(count.oldestAt, clock) : null,
      };
    });
  }),

  /** One page of a queue, oldest first. It shows customers' names, so the view is audited with the persons listed. */
  queue: complianceProcedure
    .input(
      z.strictObject({
        queue: workQueueSchema,
        page: z.number().int().min(1, { error: 'page must be 1 or more' }).max(100_000).default(1),
        pageSize: z
          .number()
          .int()
          .min(1, { error: 'pageSize must be at least 1' })
          .max(MAX_PAGE_SIZE, { error: `pageSize must be at most ${MAX_PAGE_SIZE}` })
          .default(25),
      }),
    )
    .query(async ({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const page = await listComplianceQueue(tx, { ...input, now: ctx.now() });
        if (page.items.length > 0) {
          await audit(
            { ...ctx, db: tx },
            {
              action: 'compliance.queue_viewed',
              subject: { type: 'compliance_queue', id: input.queue },
              details: {
                queue: input.queue,
                page: page.page,
                personIds: [...new Set(page.items.map((item) => item.personId))],
              },
            },
          );
        }
        return { ...page, items: page.items.map((item) => toQueueItem(ctx, item)) };
      }),
    ),

  /** "Bank account blocked" for a reversed success, "reviewed" elsewhere: takes the item out of the open list. */
  acknowledge: complianceProcedure
    .input(
      z.strictObject({
        identificationId: identificationIdSchema,
        queue: acknowledgeableQueueSchema,
        note: noteSchema('A note'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const user = ctx.user;
      const result = await ctx.db.transaction(async (tx) => {
        const acknowledged = await acknowledgeComplianceItem(tx, {
          identificationId: input.identificationId,
          queue: input.queue,
          userId: user.id,
          note: input.note,
          now: ctx.auth.clock(),
          queueNow: ctx.now(),
        });
        if (acknowledged.outcome === 'acknowledged') {
          await audit(
            { ...ctx, db: tx },
            {
              action: 'compliance.acknowledged',
              personId: acknowledged.personId,
              subject: { type: 'identification', id: input.identificationId },
              reason: input.note,
              details: { queue: input.queue, acknowledgement: COMPLIANCE_QUEUE_TEXT[input.queue].acknowledgement },
            },
          );
        }
        return acknowledged;
      });
      const queueLabel = COMPLIANCE_QUEUE_TEXT[input.queue].label;
      switch (result.outcome) {
        case 'not_found':
          return notFound('No identification has this id.');
        case 'not_in_queue':
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: `This identification is not open in the queue ${queueLabel} (queue: ${input.queue}): there is nothing to acknowledge.`,
          });
        case 'already_acknowledged':
          throw new TRPCError({
            code: 'CONFLICT',
            message: `${result.acknowledgedBy} already acknowledged this identification in ${queueLabel}${when(result.acknowledgedAt)}.`,
          });
        case 'acknowledged':
          return {
            identificationId: input.identificationId,
            queue: input.queue,
            acknowledgedAt: result.acknowledgedAt.toISOString(),
            acknowledgedBy: { id: user.id, name: user.displayName },
          };
      }
    }),

  /**
   * The four-eyes decision on a recorded proof of address. Whoever recorded it may not decide it
   * (FORBIDDEN, and the database refuses it too); of two concurrent decisions one wins and the
   * other gets CONFLICT naming who decided. The decision, the person's refreshed proof-of-address
   * state and the audit event are one transaction.
   */
  decideProofOfAddress: complianceProcedure.input(decideInputSchema).mutation(async ({ ctx, input }) => {
    const user = ctx.user;
    const reason = input.reason ? input.reason : null;
    const result = await ctx.db.transaction(async (tx) => {
      const decided = await decideProofOfAddressSubmission(tx, {
        submissionId: input.submissionId,
        deciderId: user.id,
        decision: input.decision,
        reason,
        now: ctx.auth.clock(),
      });
      if (decided.outcome === 'decided') {
        await audit(
          { ...ctx, db: tx },
          {
            action: 'proof_of_address.decided',
            personId: decided.personId,
            subject: { type: 'proof_of_address_submission', id: decided.submissionId },
            reason,
            details: { decision: input.decision, status: decided.status, proofOfAddressState: decided.proofOfAddressState },
          },
        );
      }
      return decided;
    });
    switch (result.outcome) {
      case 'not_found':
        return notFound('No proof-of-address submission has this id.');
      case 'own_submission':
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: 'You recorded this proof of address yourself. Four eyes: another compliance reviewer must decide it.',
        });
      case 'already_decided':
        throw new TRPCError({
          code: 'CONFLICT',
          message: `This proof of address was already decided (${result.status.replaceAll('_', ' ')})${
            result.decidedBy ? ` by ${result.decidedBy}` : ''
          }${when(result.decidedAt)}, so it has left the queue.`,
        });
      case 'decided':
        return {
          submissionId: result.submissionId,
          personId: result.personId,
          status: result.status,
          decidedAt: result.decidedAt.toISOString(),
          proofOfAddressState: result.proofOfAddressState,
        };
    }
  }),
  /**
   * The four-eyes decision on a proposed change to a customer's data. The proposer may not
   * decide it (FORBIDDEN; the database refuses it too); of two concurrent decisions one wins and
   * the other gets CONFLICT naming who decided. Approving marks it `applying`, then sends the
   * PATCH to Solaris and records the person Solaris returns as a new person version; a refusal
   * by Solaris is an answer, not an error: the proposal comes back `failed` with Solaris' errors,
   * and approving it again sends it again. Decision, application and failure are each audited.
   */
  decidePersonChange: complianceProcedure.input(decidePersonChangeInputSchema).mutation(async ({ ctx, input }) => {
    const user = ctx.user;
    const reason = input.reason ? input.reason : null;
    const decided = await ctx.db.transaction(async (tx) => {
      const result = await decidePersonChangeProposal(tx, {
        proposalId: input.proposalId,
        deciderId: user.id,
        decision: input.decision,
        reason,
        now: ctx.auth.clock(),
      });
      if (result.outcome === 'applying' || result.outcome === 'rejected') {
        await audit(
          { ...ctx, db: tx },
          {
            action: 'person.change_decided',
            personId: result.proposal.personId,
            subject: { type: 'person_change_proposal', id: result.proposal.id },
            reason,
            details: { decision: input.decision, status: result.proposal.status },
          },
        );
      }
      return result;
    });
    switch (decided.outcome) {
      case 'not_found':
        return notFound('No proposed change has this id.');
      case 'own_proposal':
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: 'You proposed this change yourself. Four eyes: another compliance reviewer must decide it.',
        });
      case 'already_decided':
        throw new TRPCError({
          code: 'CONFLICT',
          message: `This change was already decided (${decided.status.replaceAll('_', ' ')})${
            decided.decidedBy ? ` by ${decided.decidedBy}` : ''
          }${when(decided.decidedAt)}, so it has left the queue.`,
        });
      case 'open_exists':
        throw new TRPCError({
          code: 'CONFLICT',
          message: `${decided.open.proposedBy.name} proposed a newer change to this customer${when(decided.open.proposedAt)} that is not done yet. One change at a time: decide that one; this failed change is not sent again.`,
        });
      case 'rejected':
        return proposalView(decided.proposal, user);
      case 'applying':
        break;
    }

    const proposal = decided.proposal;
    const subject = { type: 'person_change_proposal', id: proposal.id };
    if (!ctx.solaris) {
      const failed = await markPersonChangeFailed(ctx.db, {
        proposalId: proposal.id,
        solarisStatus: null,
        solarisErrors: [{ field: null, code: null, title: null, detail: 'Identdesk is not connected to Solaris right now. Approve again later to send it.' }],
      });
      await audit(ctx, { action: 'person.change_failed', personId: proposal.personId, subject, details: { solarisStatus: null } });
      return proposalView(failed, user);
    }
    const applied = await applyPersonChange({ db: ctx.db, solaris: ctx.solaris, now: ctx.now, logger: ctx.logger }, proposal);
    if (applied.outcome === 'applied') {
      await audit(ctx, {
        action: 'person.change_applied',
        personId: proposal.personId,
        subject,
        details: { appliedVersion: applied.proposal.appliedVersion, fields: applied.changedFields, nearbyAddress: proposal.nearbyAddress },
      });
    } else {
      await audit(ctx, {
        action: 'person.change_failed',
        personId: proposal.personId,
        subject,
        // Solaris' codes and field names only: its details may quote the customer's data.
        details: {
          solarisStatus: applied.proposal.solarisStatus,
          errors: (applied.proposal.solarisErrors ?? []).map((entry) => ({ field: entry.field, code: entry.code })),
        },
      });
    }
    return proposalView(applied.proposal, user);
  }),
});
