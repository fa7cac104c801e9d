import {
  findReplacementOfIdentification,
  findStartOfIdentification,
  getIdentificationDetail,
  getIdentificationReference,
} from '@identdesk/db';
import { identificationIdSchema, identificationLanguageSchema, personIdSchema, revealReasonSchema } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { maskIdentificationUrl, maskIdnowReference } from '../../access/masking.ts';
import { audit } from '../../audit/audit.ts';
import { supportedDocumentsFor } from '../../documents/supported-documents.ts';
import { START_IN_PROGRESS_REFUSAL, startEligibility } from '../../identification-starts/eligibility.ts';
import { startIdentification } from '../../identification-starts/start.ts';
import { fieldErrorsError } from '../../person-changes/field-errors.ts';
import { roleProcedure, router, type Context } from '../init.ts';

const START_REASON_MIN_LENGTH = 3;
const START_REASON_MAX_LENGTH = 500;

const startInputSchema = z.strictObject({
  personId: personIdSchema,
  replacesIdentificationId: identificationIdSchema,
  language: identificationLanguageSchema,
  proofOfAddressSubmissionId: z.uuid({ error: 'proofOfAddressSubmissionId must be the id of a recorded proof of address (a UUID) or null' }).nullable(),
  reason: z
    .string({ error: 'A reason is required: why can the customer not continue?' })
    .trim()
    .min(START_REASON_MIN_LENGTH, { error: `The reason needs at least ${START_REASON_MIN_LENGTH} characters: why can the customer not continue?` })
    .max(START_REASON_MAX_LENGTH, { error: `Keep the reason to ${START_REASON_MAX_LENGTH} characters or fewer` }),
});

async function eligibilityOf(ctx: Context, personId: string) {
  const eligibility = await startEligibility({ db: ctx.db, solaris: ctx.solaris, logger: ctx.logger, now: ctx.now() }, personId);
  if (!eligibility) throw new TRPCError({ code: 'NOT_FOUND', message: 'No customer has this id. Search for them again.' });
  return eligibility;
}

export const identificationRouter = router({
  /**
   * The identification page: status in plain words, what the agent may do now, the timeline,
   * every IDnow attempt with its failure code decoded and the data the IDnow agent corrected,
   * the documents IDnow accepts (null when Solaris cannot say right now) and the documents.
   * The IDnow reference and URL are masked for every role (compliance reveals them with
   * `revealReference`). The view is audited before the data leaves the server.
   */
  get: roleProcedure('agent', 'compliance')
    .input(z.object({ id: identificationIdSchema }))
    .query(async ({ ctx, input }) => {
      const detail = await getIdentificationDetail(ctx.db, input.id, ctx.now());
      if (!detail) throw new TRPCError({ code: 'NOT_FOUND', message: 'No identification has this id.' });
      const { reference, url, ...identification } = detail.identification;
      await audit(ctx, {
        action: 'identification.viewed',
        personId: identification.personId,
        subject: { type: 'identification', id: identification.id },
      });
      const supportedDocuments = await supportedDocumentsFor(
        { solaris: ctx.solaris, logger: ctx.logger },
        { personId: identification.personId, identificationId: identification.id },
      );
      const start = await findStartOfIdentification(ctx.db, identification.id);
      const replacement = await findReplacementOfIdentification(ctx.db, identification.id);
      return {
        ...detail,
        startedInIdentdesk: start
          ? {
              by: start.startedBy,
              at: start.startedAt.toISOString(),
              reason: start.reason,
              replacesIdentificationId: start.replacesIdentificationId,
            }
          : null,
        replacedBy:
          replacement?.identificationId != null
            ? { identificationId: replacement.identificationId, at: replacement.startedAt.toISOString(), by: replacement.startedBy }
            : null,
        identification: {
          ...identification,
          referenceMasked: maskIdnowReference(reference),
          urlMasked: maskIdentificationUrl(url),
          hasReference: Boolean(reference) || Boolean(url),
        },
        supportedDocuments,
      };
    }),

  /**
   * The IDnow reference and URL of an identification: compliance only, with a reason, and the
   * reveal is in the audit trail before the values leave the server.
   */
  revealReference: roleProcedure('compliance')
    .input(z.object({ id: identificationIdSchema, reason: revealReasonSchema }))
    .mutation(async ({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const found = await getIdentificationReference(tx, input.id);
        if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'No identification has this id.' });
        await audit(
          { ...ctx, db: tx },
          {
            action: 'identification.reference_revealed',
            personId: found.personId,
            subject: { type: 'identification', id: found.id },
            reason: input.reason,
          },
        );
        return { id: found.id, reference: found.reference, url: found.url };
      }),
    ),

  /**
   * Whether the agent may start a new identification for the customer now, and if not, why
   * (each refusal with a code and a sentence), which identification it would replace, the
   * default language and the proof of address the new one needs. The view is audited.
   */
  startEligibility: roleProcedure('agent', 'compliance')
    .input(z.strictObject({ personId: personIdSchema }))
    .query(async ({ ctx, input }) => {
      const eligibility = await eligibilityOf(ctx, input.personId);
      await audit(ctx, {
        action: 'person.viewed',
        personId: input.personId,
        subject: { type: 'person', id: input.personId },
        details: { view: 'start_eligibility', eligible: eligibility.eligible, refusals: eligibility.refusals.map((refusal) => refusal.code) },
      });
      return eligibility;
    }),

  /**
   * Starts a new identification for a customer who cannot continue: eligibility is checked
   * again, then Identdesk creates and requests it at Solaris. The link goes to the customer
   * through the partner's app; this answer never carries the url or the reference.
   */
  start: roleProcedure('agent', 'compliance')
    .input(startInputSchema)
    .mutation(async ({ ctx, input }) => {
      const user = ctx.user;
      const eligibility = await eligibilityOf(ctx, input.personId);
      if (!eligibility.eligible) {
        // A start already on its way is a colleague's (or the agent's own earlier click) work
        // racing this one: CONFLICT, as when the insert below finds it, whichever way it is caught.
        const startInProgress = eligibility.refusals.some((refusal) => refusal.code === START_IN_PROGRESS_REFUSAL.code);
        throw new TRPCError({
          code: startInProgress ? 'CONFLICT' : 'PRECONDITION_FAILED',
          message: eligibility.refusals.map((refusal) => refusal.message).join(' '),
        });
      }
      if (eligibility.replaces?.id !== input.replacesIdentificationId) {
        throw new TRPCError({
          code: 'CONFLICT',
          message: `The customer’s latest identification is ${eligibility.replaces?.id ?? 'another one'}, not ${input.replacesIdentificationId}: reload the page and check again.`,
        });
      }
      const options = eligibility.proofOfAddress.options;
      const proof = input.proofOfAddressSubmissionId ? options.find((option) => option.submissionId === input.proofOfAddressSubmissionId) : undefined;
      if (input.proofOfAddressSubmissionId && !proof) {
        throw fieldErrorsError([
          {
            field: 'proofOfAddressSubmissionId',
            message: 'This proof of address cannot be used: pick one approved by compliance and issued within the last six months',
          },
        ]);
      }
      if (eligibility.proofOfAddress.required && !proof) {
        throw fieldErrorsError([{ field: 'proofOfAddressSubmissionId', message: eligibility.proofOfAddress.explanation }]);
      }
      if (!ctx.solaris) {
        throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Identdesk is not connected to Solaris right now. Try again later.' });
      }

      const started = await startIdentification(
        { db: ctx.db, solaris: ctx.solaris, now: ctx.now, logger: ctx.logger },
        {
          personId: input.personId,
          replacesIdentificationId: input.replacesIdentificationId,
          language: input.language,
          proofOfAddress: proof ? { submissionId: proof.submissionId, type: proof.type, issuedOn: proof.issuedOn } : null,
          reason: input.reason,
          startedBy: user.id,
          // Identdesk's observation clock, so the start sits in order on the identification's timeline.
          startedAt: ctx.now(),
        },
      );
      if (started === 'start_in_progress') {
        // Both passed the check above at once; the other start goes on to Solaris, this one stops.
        throw new TRPCError({ code: 'CONFLICT', message: START_IN_PROGRESS_REFUSAL.message });
      }
      await audit(ctx, {
        action: 'identification.started',
        personId: input.personId,
        subject: started.identificationId ? { type: 'identification', id: started.identificationId } : { type: 'identification_start', id: started.startId },
        reason: input.reason,
        details: {
          startId: started.startId,
          status: started.status,
          replacesIdentificationId: input.replacesIdentificationId,
          language: input.language,
          proofOfAddressSubmissionId: proof?.submissionId ?? null,
        },
      });
      if (started.status === 'failed') {
        // Not the agent's input at fault: Solaris refused the identification (422), or was failing or
        // silent (503, try again later). The message says which, in words the dialog shows.
        throw new TRPCError({ code: started.solarisTrouble ? 'SERVICE_UNAVAILABLE' : 'UNPROCESSABLE_CONTENT', message: started.message });
      }
      return { startId: started.startId, identificationId: started.identificationId, status: started.status, message: started.message };
    }),
});
