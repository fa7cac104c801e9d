import { randomInt } from 'node:crypto';
import {
  identificationStatusForIdnowResult,
  TEST_SCENARIO_CASE_DETAILS,
  type IdentificationLanguage,
  type IdentificationStatus,
  type ProofOfAddressType,
  type TestScenarioCase,
} from '@identdesk/domain';
import { callProcedure, DEMO_ACCOUNTS, DEMO_PASSWORD, sessionCookie, type DemoRole } from './fixtures.ts';

/**
 * Realistic customers for browser tests, created the way a partner's onboarding app creates them:
 * over real HTTP against the e2e server's embedded Solaris sandbox (OAuth2 client credentials,
 * `POST /v1/persons`, `POST …/identifications`, `PATCH …/request`), then played through an IDnow
 * test scenario with the sandbox control API, and finally waited for until Identdesk has ingested
 * them through its own webhook inbox. Nothing is written to Identdesk's database directly.
 *
 * Scenarios (`scenario`, the seed's IDnow test cases, see packages/domain/src/test-scenarios.ts):
 *
 * | scenario          | IDnow results (first → review)                    | status `final` / `preliminary`     |
 * |-------------------|---------------------------------------------------|------------------------------------|
 * | `null` (default)  | none yet: the sandbox's random mix starts ≥2 min later | `pending` (waits for the customer) |
 * | `'PENDING'`       | none: the customer never starts the call          | `pending`                          |
 * | `HAPPYPATH`       | SUCCESS                                           | `successful`                       |
 * | `CHANGEALL`       | SUCCESS_DATA_CHANGED (every field corrected)      | `successful`, person data changed  |
 * | `CHANGEALLREVIEW` | REVIEW_PENDING → SUCCESS_DATA_CHANGED             | `successful` / `pending_successful`|
 * | `ABORTIDENT`      | ABORTED (TECH_VIDEO)                              | `aborted`                          |
 * | `FRAUDOK`         | FRAUD_SUSPICION_PENDING → SUCCESS                 | `successful` / `pending_failed`    |
 * | `CANCELED`        | REVIEW_PENDING → CANCELED (BAD_PHOTO_QUALITY)     | `canceled` / `pending_successful`  |
 * | `LONGREVIEW`      | REVIEW_PENDING → (24 h later) SUCCESS             | preliminary only: `pending_successful` |
 * | `FRAUDIDENT`      | FRAUD_SUSPICION_PENDING → FRAUD_SUSPICION_CONFIRMED | `failed` / `pending_failed`      |
 * | `FRAUDREVIEW`     | REVIEW_PENDING → FRAUD_SUSPICION_CONFIRMED        | `failed` / `pending_successful`    |
 *
 * How a scenario is triggered: IDnow reads it from the start of first_name or last_name, so a
 * customer with a scenario is created with first name `X-MANUALTEST-<CASE> <firstName>` (the
 * last name stays as given, so searching it works). MANUALTEST, not AUTOTEST: the sandbox then
 * waits for the customer instead of running the call on its own clock, and this helper starts
 * it through `/_control/identifications/:id/run-scenario` at once. The sandbox clock is never
 * moved (other test files share it): to reach a two-step scenario's final result the scenario
 * is started backdated by the longest test review (2 minutes), so its attempts carry times up
 * to two minutes before the request. A `preliminary` result of a review scenario other than
 * LONGREVIEW turns final by itself 1–2 minutes later: assert on it early in the test.
 * HOLDCERTIFICATE is eSigning-only and refused.
 *
 * Identdesk is let to see the customer as they signed up (status `pending`) before the call is
 * played, as in real life, so an IDnow agent's corrections show as a change in its history.
 * Waiting polls `person.get` as the demo agent: each poll is an audited `person.viewed` by
 * Alex Agent, so audit tests should filter by their own actors or actions.
 *
 * Other test files create customers in the same sandbox at the same time: make names unique
 * with {@link uniqueLastName} when a test counts search results.
 */

/** `'PENDING'`: requested, and the customer never shows up (X-MANUALTEST left waiting). */
export type CustomerScenario = Exclude<TestScenarioCase, 'HOLDCERTIFICATE'> | 'PENDING';

export interface NewCustomer {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD; default 1988-04-23. */
  birthDate?: string;
  /** ISO 3166-1 alpha-2; default DE. */
  nationality?: string;
  salutation?: 'MR' | 'MS';
  /** Default: first.last.<random>@example.com in ASCII. `null` leaves it out. */
  email?: string | null;
  /** E.164; default a random German mobile number (+49 151 …). */
  mobileNumber?: string;
  address?: { line_1: string; line_2: string; postal_code: string; city: string; country: string };
  branch?: string;
  /** When the customer signed the terms and the data processing terms; default a minute ago. */
  consentAt?: Date;
  /** When the customer signed the own economic interest declaration; default never. */
  ownEconomicInterestSignedAt?: Date;
  /** The identification's language; default DE. */
  language?: IdentificationLanguage;
  /** proof_of_address_type / _issued_at on the identification (the issue date must be ≤ 6 months old). */
  proofOfAddress?: { type: ProofOfAddressType; issuedOn: string };
  /** Default `null`: a plain name, identification requested and pending. See the table above. */
  scenario?: CustomerScenario | null;
  /** Default `final`. */
  outcome?: 'final' | 'preliminary';
}

export interface CreatedCustomer {
  personId: string;
  identificationId: string;
  /** The name as stored at Solaris (with the scenario prefix, before any IDnow correction). */
  firstName: string;
  lastName: string;
  /** `${firstName} ${lastName}` as stored. */
  fullName: string;
  email: string | null;
  mobileNumber: string;
  birthDate: string;
  /** terms_conditions_signed_at and data_terms_signed_at as sent, an ISO instant. */
  consentAt: string;
  /** The identification's status once Identdesk had ingested it. */
  status: IdentificationStatus;
}

const SANDBOX_PATH = '/sandbox/solaris';
// apps/server/src/env.ts: the embedded sandbox's published client credentials.
const CLIENT_ID = 'identdesk-sandbox';
const CLIENT_SECRET = 'sandbox-secret';
const INGEST_TIMEOUT_MS = 20_000;
/** planTestCase: a test review lands 60–120 s after the call. */
const LONGEST_TEST_REVIEW_MS = 120_000;

const tokens = new Map<string, { token: string; expiresAt: number }>();
const agentSessions = new Map<string, string>();

async function failure(response: Response, what: string): Promise<Error> {
  return new Error(`${what} answered HTTP ${response.status}: ${await response.text()}`);
}

async function sandboxToken(baseURL: string): Promise<string> {
  const cached = tokens.get(baseURL);
  if (cached && cached.expiresAt > Date.now() + 60_000) return cached.token;
  const response = await fetch(`${baseURL}${SANDBOX_PATH}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=partners',
  });
  if (!response.ok) throw await failure(response, 'the sandbox token endpoint');
  const body = (await response.json()) as { access_token: string; expires_in: number };
  tokens.set(baseURL, { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 });
  return body.access_token;
}

/** A call to the sandbox's Solaris API (`/v1/…`) with a bearer token, or its control API (`/_control/…`). */
async function sandbox<T>(baseURL: string, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (path.startsWith('/v1/')) headers.authorization = `Bearer ${await sandboxToken(baseURL)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseURL}${SANDBOX_PATH}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 404 && path.startsWith('/_control')) {
    throw new Error('The sandbox control API is not mounted: the e2e server must run with SANDBOX_CONTROL_API=true (e2e/server-process.ts).');
  }
  if (!response.ok) throw await failure(response, `sandbox ${method} ${path}`);
  return (await response.json()) as T;
}

/** The sandbox's clock (Identdesk stamps identifications with it): "today" for date rules. */
export async function sandboxNow(baseURL: string): Promise<Date> {
  const clock = await sandbox<{ now: string }>(baseURL, 'GET', '/_control/clock');
  return new Date(clock.now);
}

async function agentCookie(baseURL: string): Promise<string> {
  const cached = agentSessions.get(baseURL);
  if (cached) return cached;
  const response = await fetch(`${baseURL}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1' },
    body: JSON.stringify({ email: DEMO_ACCOUNTS.agent.email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw await failure(response, 'auth.login as the demo agent');
  const [cookie = ''] = (response.headers.getSetCookie()[0] ?? '').split(';');
  agentSessions.set(baseURL, cookie);
  return cookie;
}

/** What `person.get` says about the customer, as an agent sees it (each call is an audited view). */
interface IngestedPerson {
  identifications: { id: string; status: IdentificationStatus }[];
  history: unknown[];
}

async function personAsIngested(baseURL: string, personId: string): Promise<IngestedPerson | null> {
  const response = await fetch(`${baseURL}/trpc/person.get`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1', cookie: await agentCookie(baseURL) },
    body: JSON.stringify({ id: personId }),
  });
  if (response.status === 404) {
    const body = (await response.json()) as { error?: { data?: { code?: string }; message?: string } };
    // Not ingested yet; a missing procedure is a 404 too, and never gets better.
    if (body.error?.data?.code === 'NOT_FOUND' && !/No procedure/i.test(body.error.message ?? '')) return null;
    throw new Error(`person.get answered 404: ${JSON.stringify(body)}`);
  }
  if (response.status === 401) {
    agentSessions.delete(baseURL);
    return null;
  }
  if (!response.ok) throw await failure(response, 'person.get');
  const body = (await response.json()) as { result: { data: IngestedPerson } };
  return body.result.data;
}

/**
 * Waits until Identdesk shows the identification with `status` (webhooks are processed by a
 * worker after the inbox accepted them). `historyAtLeast`: also wait for that many person
 * versions (an IDnow data change arrives as its own PERSON_CHANGED delivery).
 */
export async function waitForIngestion(
  baseURL: string,
  ids: { personId: string; identificationId: string },
  status: IdentificationStatus,
  { historyAtLeast = 0, timeoutMs = INGEST_TIMEOUT_MS } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string = 'nothing';
  let delay = 100;
  while (Date.now() < deadline) {
    // Sends whatever webhook the sandbox still holds, instead of waiting for its next tick.
    await sandbox(baseURL, 'POST', '/_control/run');
    const person = await personAsIngested(baseURL, ids.personId);
    const identification = person?.identifications.find((candidate) => candidate.id === ids.identificationId);
    if (identification?.status === status && (person?.history.length ?? 0) >= historyAtLeast) return;
    seen = identification ? `status ${identification.status}, ${person?.history.length ?? 0} person versions` : 'no such identification';
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 1_000);
  }
  throw new Error(
    `Identdesk did not show identification ${ids.identificationId} as ${status} within ${timeoutMs / 1000} s (last seen: ${seen}).`,
  );
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A made-up word of letters only (names allow no digits), e.g. "Vobexa". */
export function randomWord(length = 6): string {
  let word = '';
  for (let index = 0; index < length; index += 1) word += LETTERS[randomInt(LETTERS.length)];
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `Müller-Vobexa`: a realistic last name no other test file's customers share. */
export function uniqueLastName(stem: string): string {
  return `${stem}-${randomWord()}`;
}

function asciiEmailPart(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

/** A German mobile number in E.164 that is unlikely to be anyone else's in this run. */
export function randomMobileNumber(): string {
  return `+49151${String(randomInt(10_000_000, 99_999_999))}`;
}

/**
 * Creates a customer and their video identification in the sandbox, plays the scenario and
 * resolves once Identdesk shows the identification with its expected status.
 */
export async function createCustomer(baseURL: string, customer: NewCustomer): Promise<CreatedCustomer> {
  const scenario = customer.scenario ?? null;
  const outcome = customer.outcome ?? 'final';
  if ((scenario as string | null) === 'HOLDCERTIFICATE') throw new Error('HOLDCERTIFICATE needs eSigning, which Identdesk does not use.');
  if (scenario === 'LONGREVIEW' && outcome === 'final') {
    throw new Error('LONGREVIEW reviews 24 hours later: ask for outcome "preliminary" (the shared sandbox clock is not moved).');
  }

  const firstName = scenario === null ? customer.firstName : `X-MANUALTEST-${scenario === 'PENDING' ? 'HAPPYPATH' : scenario} ${customer.firstName}`;
  const email =
    customer.email === undefined
      ? `${asciiEmailPart(customer.firstName)}.${asciiEmailPart(customer.lastName)}.${randomWord(4).toLowerCase()}@example.com`
      : customer.email;
  const mobileNumber = customer.mobileNumber ?? randomMobileNumber();
  const birthDate = customer.birthDate ?? '1988-04-23';
  const consentAt = (customer.consentAt ?? new Date(Date.now() - 60_000)).toISOString();

  // The seed's POST /v1/persons body: every mandatory data point.
  const person = await sandbox<{ id: string; first_name: string; last_name: string }>(baseURL, 'POST', '/v1/persons', {
    salutation: customer.salutation ?? 'MS',
    first_name: firstName,
    last_name: customer.lastName,
    address: customer.address ?? { line_1: 'Amrumer Straße', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE' },
    mobile_number: mobileNumber,
    birth_date: birthDate,
    nationality: customer.nationality ?? 'DE',
    terms_conditions_signed_at: consentAt,
    data_terms_signed_at: consentAt,
    ...(email === null ? {} : { email }),
    ...(customer.branch ? { branch: customer.branch } : {}),
    ...(customer.ownEconomicInterestSignedAt
      ? { own_economic_interest_signed_at: customer.ownEconomicInterestSignedAt.toISOString() }
      : {}),
  });

  const identification = await sandbox<{ id: string }>(baseURL, 'POST', `/v1/persons/${person.id}/identifications`, {
    method: 'idnow',
    language: customer.language ?? 'DE',
    ...(customer.proofOfAddress
      ? { proof_of_address_type: customer.proofOfAddress.type, proof_of_address_issued_at: customer.proofOfAddress.issuedOn }
      : {}),
  });
  await sandbox(baseURL, 'PATCH', `/v1/persons/${person.id}/identifications/${identification.id}/request`);
  const ids = { personId: person.id, identificationId: identification.id };

  // Identdesk first sees the customer as they signed up, as in real life: the call comes later.
  // Otherwise its first look would already show the IDnow agent's corrections, and the data
  // change history would have nothing to compare them with.
  await waitForIngestion(baseURL, ids, 'pending');

  let status: IdentificationStatus = 'pending';
  let historyAtLeast = 0;
  if (scenario !== null && scenario !== 'PENDING') {
    const results = TEST_SCENARIO_CASE_DETAILS[scenario].idnowResults;
    const twoStep = results.length > 1;
    const reached = outcome === 'final' ? results[results.length - 1] : results[0];
    if (!reached) throw new Error(`Scenario ${scenario} has no IDnow results.`);
    const now = await sandboxNow(baseURL);
    // Backdated so the review is due too: see the comment at the top of this file.
    const startAt = outcome === 'final' && twoStep ? new Date(now.getTime() - LONGEST_TEST_REVIEW_MS - 1_000) : now;
    await sandbox(baseURL, 'POST', `/_control/identifications/${identification.id}/run-scenario`, { at: startAt.toISOString() });
    await sandbox(baseURL, 'POST', '/_control/run');
    status = identificationStatusForIdnowResult(reached);
    if (reached === 'SUCCESS_DATA_CHANGED') historyAtLeast = 2;
    await waitForIngestion(baseURL, ids, status, { historyAtLeast });
  }

  return {
    ...ids,
    firstName: person.first_name,
    lastName: person.last_name,
    fullName: `${person.first_name} ${person.last_name}`,
    email,
    mobileNumber,
    birthDate,
    consentAt,
    status,
  };
}

/**
 * Sets the sandbox's clock (Identdesk shares it). Only for test files that run a server of their
 * own (e2e/server-process.ts): other files' customers live on the shared server's clock.
 */
export async function setSandboxClock(baseURL: string, now: Date): Promise<void> {
  await sandbox(baseURL, 'POST', '/_control/clock/set', { now: now.toISOString() });
}

/** The identification as Solaris holds it (`GET /v1/persons/:id/identifications/:id`), url and reference included. */
export async function solarisIdentification(
  baseURL: string,
  personId: string,
  identificationId: string,
): Promise<{ id: string; status: string; url: string | null; reference: string | null; language: string | null }> {
  return sandbox(baseURL, 'GET', `/v1/persons/${personId}/identifications/${identificationId}`);
}

/** The person as Solaris holds it (`GET /v1/persons/:id`). */
export async function solarisPerson(baseURL: string, personId: string): Promise<Record<string, unknown>> {
  return sandbox(baseURL, 'GET', `/v1/persons/${personId}`);
}

/**
 * Proposes a change to the customer's data over HTTP as the demo user of `role`, the way the
 * change form does (person.changeForm for the version it is based on, then person.proposeChange),
 * so compliance's "Customer data changes" queue has something to decide.
 */
export async function proposeChange(baseURL: string, role: DemoRole, personId: string, patch: Record<string, unknown>, note: string) {
  const cookie = await sessionCookie(baseURL, role);
  const form = await callProcedure<{ version: number }>(baseURL, cookie, 'person.changeForm', { personId });
  await callProcedure(baseURL, cookie, 'person.proposeChange', {
    personId,
    basedOnVersion: form.version,
    patch,
    note,
    nearbyAddress: false,
  });
}
