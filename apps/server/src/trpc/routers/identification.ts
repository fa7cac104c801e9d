import { getIdentificationReference } from '@identdesk/db';
import { identificationIdSchema, revealReasonSchema } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { audit } from '../../audit/audit.ts';
import { roleProcedure, router } from '../init.ts';

export const identificationRouter = router({
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
