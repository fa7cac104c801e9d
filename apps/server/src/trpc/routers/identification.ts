import { getIdentificationDetail, getIdentificationReference } from '@identdesk/db';
import { identificationIdSchema, revealReasonSchema } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { maskIdentificationUrl, maskIdnowReference } from '../../access/masking.ts';
import { audit } from '../../audit/audit.ts';
import { supportedDocumentsFor } from '../../documents/supported-documents.ts';
import { roleProcedure, router } from '../init.ts';

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
      return {
        ...detail,
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
});
