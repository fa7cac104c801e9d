import { getPersonDetail } from '@identdesk/db';
import { personIdSchema } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { historyChangeForRole, personForRole } from '../../access/masking.ts';
import { audit } from '../../audit/audit.ts';
import { roleProcedure, router } from '../init.ts';

export const personRouter = router({
  /**
   * The person page: the customer, where proof of address stands and why, identifications,
   * documents and the field-level history. Agents see document-like numbers masked; the view is
   * in the audit trail before the data leaves the server.
   */
  get: roleProcedure('agent', 'compliance')
    .input(z.object({ id: personIdSchema }))
    .query(async ({ ctx, input }) => {
      const detail = await getPersonDetail(ctx.db, input.id);
      if (!detail) throw new TRPCError({ code: 'NOT_FOUND', message: 'No customer has this id. Search for them again.' });
      await audit(ctx, { action: 'person.viewed', personId: detail.person.id, subject: { type: 'person', id: detail.person.id } });
      const role = ctx.user.role;
      return {
        ...detail,
        person: personForRole(detail.person, role),
        history: detail.history.map((entry) => ({
          ...entry,
          changes: entry.changes.map((change) => historyChangeForRole(change, role)),
        })),
      };
    }),
});
