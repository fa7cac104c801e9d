import { count } from 'drizzle-orm';
import { PROOF_OF_ADDRESS_TYPES } from '@identdesk/domain';
import type { Sandbox } from '../create-sandbox.ts';
import { DAY, MINUTE, utcDate } from '../core/clock.ts';
import { seededRandom, type Random } from '../core/random.ts';
import { persons } from '../db/schema.ts';
import { createIdentification, requestIdentification } from '../identifications/service.ts';
import { createPerson } from '../persons/service.ts';
import { demoPersonBody } from './demo-people.ts';

export interface DemoTrafficOptions {
  sandbox: Sandbox;
  /** How many persons to sign up. */
  persons: number;
  /** They sign up over this many days up to now (default 90). */
  days?: number;
  /** Seed of the demo's own choices (names, times, languages); default 'identdesk-demo'. */
  seed?: string;
  /** Called after each step of sandbox time, e.g. to let Identdesk process the webhooks sent so far. */
  afterStep?: () => Promise<void>;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** The end of the demo period (default: the wall clock). */
  now?: () => Date;
  /** Stops the generation between two steps (server shutdown); the clock still returns to the present. */
  signal?: AbortSignal;
}

type DemoEvent =
  | { at: Date; kind: 'sign-up'; serial: number }
  | { at: Date; kind: 'create-identification'; serial: number }
  | { at: Date; kind: 'request'; serial: number };

/** Webhooks and IDnow results are observed in steps of this much sandbox time. */
const STEP_MS = 10 * MINUTE;

/** Sign-ups cluster in the daytime and on weekdays, like a real onboarding funnel. */
function signUpTimes(random: Random, total: number, from: number, to: number): number[] {
  const times: number[] = [];
  while (times.length < total) {
    const at = from + random.next() * (to - from);
    const date = new Date(at);
    const hour = date.getUTCHours();
    const weekday = date.getUTCDay();
    const daytime = hour >= 6 && hour <= 21 ? 1 : 0.15;
    const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1;
    // Recent weeks are busier: the partner is growing.
    const growth = 0.6 + 0.4 * ((at - from) / (to - from));
    if (random.next() < daytime * weekend * growth) times.push(at);
  }
  return times.sort((a, b) => a - b);
}

function plannedEvents(random: Random, total: number, from: number, to: number): DemoEvent[] {
  const events: DemoEvent[] = [];
  signUpTimes(random, total, from, to).forEach((signUpAt, serial) => {
    events.push({ at: new Date(signUpAt), kind: 'sign-up', serial });
    // A few customers drop out before the identification starts, some before requesting it.
    if (random.chance(0.03)) return;
    const createdAt = signUpAt + random.int(1, 10) * MINUTE;
    if (createdAt >= to) return;
    events.push({ at: new Date(createdAt), kind: 'create-identification', serial });
    if (random.chance(0.03)) return;
    const requestedAt = createdAt + random.int(1, 5) * MINUTE;
    if (requestedAt >= to) return;
    events.push({ at: new Date(requestedAt), kind: 'request', serial });
  });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export async function countSandboxPersons(sandbox: Sandbox): Promise<number> {
  const [row] = await sandbox.context.db.select({ n: count() }).from(persons);
  return Number(row?.n ?? 0);
}

/**
 * Signs up demo customers as a partner's onboarding app would, backdated over the last `days`:
 * the sandbox clock is put back to the start of the period and moved forward event by event, so
 * IDnow results, reviews and expiries happen at their own times and their webhooks are sent as
 * the clock passes them. At the end the clock is back at the present.
 */
export async function generateDemoTraffic(options: DemoTrafficOptions): Promise<{ persons: number; identifications: number }> {
  const { sandbox } = options;
  const ctx = sandbox.context;
  const now = (options.now ?? (() => new Date()))().getTime();
  const from = now - (options.days ?? 90) * DAY;
  const random = seededRandom(`${options.seed ?? 'identdesk-demo'}:${from}`);
  const events = plannedEvents(random, options.persons, from, now);
  const personIds = new Map<number, string>();
  const identificationIds = new Map<number, string>();
  let signedUp = 0;
  let lastStepAt = -Infinity;

  const step = async (to: number) => {
    sandbox.clock.set(new Date(to));
    await sandbox.runDue();
    await options.afterStep?.();
    lastStepAt = to;
  };

  sandbox.clock.set(new Date(from));
  try {
    for (const event of events) {
      if (options.signal?.aborted) break;
      const at = event.at.getTime();
      if (at - lastStepAt >= STEP_MS) await step(at);
      else sandbox.clock.set(event.at);

      if (event.kind === 'sign-up') {
        const person = await createPerson(ctx, demoPersonBody(random, event.serial, event.at), event.at);
        personIds.set(event.serial, person.id);
        signedUp += 1;
        options.onProgress?.({ done: signedUp, total: options.persons });
        continue;
      }
      const personId = personIds.get(event.serial);
      if (!personId) continue;
      if (event.kind === 'create-identification') {
        const identification = await createIdentification(ctx, personId, demoIdentificationBody(random, event.at), event.at);
        identificationIds.set(event.serial, identification.id);
      } else {
        const identificationId = identificationIds.get(event.serial);
        if (identificationId) await requestIdentification(ctx, personId, identificationId, event.at);
      }
    }
    // Let the reviews and retries of the last days play out up to the present.
    for (let at = Math.max(lastStepAt, from) + STEP_MS; at < now && !options.signal?.aborted; at += STEP_MS * 6) {
      await step(at);
    }
  } finally {
    sandbox.clock.set(new Date(Math.max(now, Date.now())));
  }
  await step(sandbox.clock.nowMs());
  return { persons: signedUp, identifications: identificationIds.size };
}

function demoIdentificationBody(random: Random, at: Date) {
  const language = random.chance(0.8) ? 'DE' : 'EN';
  // Customers whose ID document carries no address bring a recent bill or statement.
  if (!random.chance(0.3)) return { method: 'idnow', language };
  return {
    method: 'idnow',
    language,
    proof_of_address_type: random.pick(PROOF_OF_ADDRESS_TYPES),
    proof_of_address_issued_at: utcDate(new Date(at.getTime() - random.int(3, 150) * DAY)),
  };
}
