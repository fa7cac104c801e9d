import { getSystemOverview } from '@identdesk/db';
import type { SolarisConnectionSnapshot, SolarisConnectionState } from '../../solaris/health.ts';
import { readWebhookBacklog, type WebhookBacklog } from '../../solaris/webhook-backlog.ts';
import { authenticatedProcedure, publicProcedure, router } from '../init.ts';

export interface SolarisStatus {
  /**
   * The connection's state, raised to `degraded` while webhook deliveries wait for a retry even
   * when the latest calls went through: Identdesk is then still behind on Solaris' news.
   */
  state: SolarisConnectionState;
  /** Wall-clock time of this answer (ISO), the base for the durations below. */
  checkedAt: string;
  /** Null when this server does not watch its Solaris calls (never in a running server). */
  connection: SolarisConnectionSnapshot | null;
  webhooks: WebhookBacklog;
}

export const systemRouter = router({
  /** Aggregate counts only: no personal data, so it is public (the status page and monitoring read it). */
  overview: publicProcedure.query(async ({ ctx }) => {
    const overview = await getSystemOverview(ctx.db);
    return { database: ctx.databaseKind, ...overview };
  }),

  /**
   * Whether Solaris is failing, since when, and what Identdesk does about it, for the indicator
   * every signed-in role sees. Counts, statuses and times only: nothing personal, no ids.
   */
  solarisStatus: authenticatedProcedure.query(async ({ ctx }): Promise<SolarisStatus> => {
    const connection = ctx.solarisHealth?.snapshot() ?? null;
    const webhooks = await readWebhookBacklog(ctx.db, ctx.now());
    const connectionState = connection?.state ?? 'ok';
    return {
      state: connectionState === 'ok' && webhooks.waitingForRetry > 0 ? 'degraded' : connectionState,
      checkedAt: new Date().toISOString(),
      connection,
      webhooks,
    };
  }),
});
