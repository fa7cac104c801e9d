import express, { type Router } from 'express';
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { parseOrThrow, requireObjectBody } from '../core/validation.ts';
import { webhookDeliveries } from '../db/schema.ts';
import type { SandboxContext } from '../context.ts';
import { runScenarioAt } from '../engine/scenario.ts';
import { getIdentificationById } from '../identifications/store.ts';
import { notFound } from '../core/errors.ts';
import { methodNotAllowedHandler as only, jsonBody, routeParam } from './http.ts';

export interface ControlHooks {
  /** Runs the jobs due now and sends due webhooks; resolves when both are done. */
  runDue(): Promise<{ jobsRun: number; deliveriesSent: number }>;
  /** Persists the clock after it was moved. */
  saveClock(): Promise<void>;
}

const advanceSchema = z.strictObject({ ms: z.number().int().min(0).max(366 * 24 * 3600 * 1000) });
const setSchema = z.strictObject({ now: z.iso.datetime({ offset: true }) });
const runScenarioSchema = z.strictObject({ at: z.iso.datetime({ offset: true }).optional() });

/**
 * `/_control`: moves sandbox time and runs what became due, for tests and demos. Mounted only
 * when the sandbox is created with `controlApi: true`.
 */
export function controlRouter(ctx: SandboxContext, hooks: ControlHooks): Router {
  const router = express.Router();
  const json = jsonBody('16kb');
  const clockBody = () => ({
    now: ctx.clock.now().toISOString(),
    time_scale: ctx.clock.timeScale,
    offset_ms: ctx.clock.offsetMs(),
  });

  router.route('/clock').get((_req, res) => void res.json(clockBody())).all(only(['GET']));

  router
    .route('/clock/advance')
    .post(json, async (req, res) => {
      const { ms } = parseOrThrow(advanceSchema, requireObjectBody(req.body));
      ctx.clock.advance(ms);
      await hooks.saveClock();
      const ran = await hooks.runDue();
      res.json({ ...clockBody(), jobs_run: ran.jobsRun, deliveries_sent: ran.deliveriesSent });
    })
    .all(only(['POST']));

  router
    .route('/clock/set')
    .post(json, async (req, res) => {
      const { now } = parseOrThrow(setSchema, requireObjectBody(req.body));
      ctx.clock.set(new Date(now));
      await hooks.saveClock();
      const ran = await hooks.runDue();
      res.json({ ...clockBody(), jobs_run: ran.jobsRun, deliveries_sent: ran.deliveriesSent });
    })
    .all(only(['POST']));

  router
    .route('/run')
    .post(async (_req, res) => {
      const ran = await hooks.runDue();
      res.json({ ...clockBody(), jobs_run: ran.jobsRun, deliveries_sent: ran.deliveriesSent });
    })
    .all(only(['POST']));

  router
    .route('/webhook-deliveries')
    .get(async (_req, res) => {
      const rows = await ctx.db
        .select({
          id: webhookDeliveries.id,
          subscription_id: webhookDeliveries.subscriptionId,
          event_type: webhookDeliveries.eventType,
          entity_id: webhookDeliveries.entityId,
          status: webhookDeliveries.status,
          attempts: webhookDeliveries.attempts,
          next_attempt_at: webhookDeliveries.nextAttemptAt,
          last_status_code: webhookDeliveries.lastStatusCode,
          last_error: webhookDeliveries.lastError,
          created_at: webhookDeliveries.createdAt,
        })
        .from(webhookDeliveries)
        .orderBy(desc(webhookDeliveries.createdAt))
        .limit(200);
      res.json(rows);
    })
    .all(only(['GET']));

  router
    .route('/identifications/:identificationId/run-scenario')
    .post(json, async (req, res) => {
      const { at } = parseOrThrow(runScenarioSchema, requireObjectBody(req.body));
      const id = routeParam(req, 'identificationId');
      if (!(await getIdentificationById(ctx.db, id))) throw notFound('id', id);
      const plan = await runScenarioAt(ctx, ctx.db, id, at ? new Date(at) : ctx.clock.now());
      res.json({ planned: plan.map((step) => ({ after_ms: step.afterMs, result: step.result, reason: step.reason })) });
    })
    .all(only(['POST']));

  return router;
}
