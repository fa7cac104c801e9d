import {
  failureCodeSchema,
  idnowIdentificationTypeSchema,
  idnowResultSchema,
  parseTestScenario,
  testScenarioCaseSchema,
  testScenarioPrefixSchema,
  type TestScenario,
} from '@identdesk/domain';
import { z } from 'zod';
import { seededRandom } from '../core/random.ts';
import type { Queryable, SandboxTx } from '../db/client.ts';
import type { SandboxContext } from '../context.ts';
import { getIdentificationById } from '../identifications/store.ts';
import { findPerson } from '../persons/service.ts';
import { scheduleJob, type JobHandler } from './jobs.ts';
import { planRandom, planTestCase, type PlannedResult } from './plan.ts';
import { applyIdnowResult, expireIdentification, type IdnowResultStep } from './steps.ts';

export const JOB_KINDS = {
  idnowResult: 'idnow.result',
  expire: 'identification.expire',
} as const;

/** What an identification runs: a test case (`X-AUTOTEST:HAPPYPATH`), or `random` for real-looking customers. */
export type ScenarioKey = `${TestScenario['prefix']}:${TestScenario['case']}` | 'random';

export function scenarioKeyFor(firstName: string, lastName: string): ScenarioKey {
  const scenario = parseTestScenario(firstName, lastName);
  return scenario ? `${scenario.prefix}:${scenario.case}` : 'random';
}

export function parseScenarioKey(key: string | null): TestScenario | null {
  if (!key || key === 'random') return null;
  const [prefix, testCase] = key.split(':');
  const parsedPrefix = testScenarioPrefixSchema.safeParse(prefix);
  const parsedCase = testScenarioCaseSchema.safeParse(testCase);
  return parsedPrefix.success && parsedCase.success ? { prefix: parsedPrefix.data, case: parsedCase.data } : null;
}

/** The timeline an identification would run from `start`; deterministic for the sandbox seed. */
export function planScenario(ctx: SandboxContext, identificationId: string, scenarioKey: string | null, start: Date): PlannedResult[] {
  const random = seededRandom(`${ctx.config.randomSeed}:${identificationId}:${start.toISOString()}`);
  const scenario = parseScenarioKey(scenarioKey);
  return scenario ? planTestCase(scenario, random) : planRandom(random).results;
}

/**
 * Schedules the IDnow results of an identification's scenario from `start` (sandbox time) as
 * durable jobs. `start` may lie in the past (backdated demo data): the due steps then run at
 * once, each stamped with its own planned time. Returns the planned results.
 */
export async function runScenarioAt(
  ctx: SandboxContext,
  db: Queryable,
  identificationId: string,
  start: Date,
): Promise<PlannedResult[]> {
  const identification = await getIdentificationById(db, identificationId);
  if (!identification) throw new Error(`identification ${identificationId} not found`);
  const plan = planScenario(ctx, identificationId, identification.scenario, start);
  const random = seededRandom(`${ctx.config.randomSeed}:${identificationId}:picks:${start.toISOString()}`);
  for (const planned of plan) {
    const step: IdnowResultStep = {
      result: planned.result,
      reason: planned.reason,
      dataChange: planned.dataChange,
      channel: planned.channel,
      pick: random.next(),
    };
    await scheduleJob(
      db,
      {
        kind: JOB_KINDS.idnowResult,
        identificationId,
        payload: { ...step },
        dueAt: new Date(start.getTime() + planned.afterMs),
      },
      start,
    );
  }
  ctx.wake();
  return plan;
}

export async function scheduleExpiry(db: Queryable, identificationId: string, at: Date, createdAt: Date): Promise<void> {
  await scheduleJob(db, { kind: JOB_KINDS.expire, identificationId, payload: {}, dueAt: at }, createdAt);
}

const idnowResultStepSchema = z.object({
  result: idnowResultSchema,
  reason: failureCodeSchema.nullable(),
  dataChange: z.enum(['all', 'minor']).nullable(),
  channel: idnowIdentificationTypeSchema,
  pick: z.number().min(0).max(1),
});

function stepFromPayload(payload: Record<string, unknown>): IdnowResultStep {
  return idnowResultStepSchema.parse(payload);
}

export function scenarioJobHandlers(ctx: SandboxContext): Record<string, JobHandler> {
  return {
    [JOB_KINDS.idnowResult]: async (tx: SandboxTx, job) => {
      if (!job.identificationId) throw new Error('idnow.result job without identification');
      await applyIdnowResult(ctx, tx, job.identificationId, stepFromPayload(job.payload), job.dueAt);
    },
    [JOB_KINDS.expire]: async (tx: SandboxTx, job) => {
      if (!job.identificationId) throw new Error('expire job without identification');
      await expireIdentification(ctx, tx, job.identificationId, job.dueAt);
    },
  };
}

/** The person's names decide the scenario when the identification is requested. */
export async function scenarioForPerson(db: Queryable, personId: string): Promise<ScenarioKey> {
  const person = await findPerson(db, personId);
  if (!person) throw new Error(`person ${personId} not found`);
  return scenarioKeyFor(person.firstName, person.lastName);
}
