import { getSystemOverview } from '@identdesk/db';
import { publicProcedure, router } from '../init.ts';

export const systemRouter = router({
  /** Aggregate counts only: no personal data, so it is public (the status page and monitoring read it). */
  overview: publicProcedure.query(async ({ ctx }) => {
    const overview = await getSystemOverview(ctx.db);
    return { database: ctx.databaseKind, ...overview };
  }),
});
