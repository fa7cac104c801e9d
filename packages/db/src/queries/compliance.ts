import {
  COMPLIANCE_QUEUES,
  IDNOW_USER_DATA_FIELDS,
  idnowDataChangesOf,
  REVIEW_MAX_HOURS,
  type ComplianceQueue,
  type IdentificationStatus,
  type Paginated,
} from '@identdesk/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { countPersonChangeQueue, listPersonChangeQueue, type PersonChangeProposalRecord } from './person-changes.ts';
import { refreshProofOfAddressState } from './proof-of-address-state.ts';

/**
 * The compliance reviewer's work queues: proof-of-address submissions and customer data changes
 * waiting for a four-eyes decision, then the identification queues of COMPLIANCE_QUEUES, which a reviewer acknowledges.
 * The order is the order the console shows them in.
 */
export const COMPLIANCE_WORK_QUEUES = ['proof_of_address', 'person_changes', ...COMPLIANCE_QUEUES] as const;
export type ComplianceWorkQueue = (typeof COMPLIANCE_WORK_QUEUES)[number];

/** IDnow results that mean an agent or reviewer suspected fraud (solaris-api-notes: FRAUD_SUSPICION_*). */
export const FRAUD_SUSPICION_RESULTS = ['FRAUD_SUSPICION_PENDING', 'FRAUD_SUSPICION_CONFIRMED'] as const;
/**
 * The failure code of an eSigning call the agent cancelled for fraud (seed: "submitted for review
 * with the status FRAUD_SUSPICION_PENDING"); counted in case IDnow reports the code with another result.
 */
export const FRAUD_SUSPICION_REASONS = ['NO_ESIGN_FRAUD'] as const;
/** The IDnow agent corrected customer data (CHANGEALL and CHANGEALLREVIEW end with it too). */
export const DATA_CHANGED_RESULT = 'SUCCESS_DATA_CHANGED';

const HOUR_MS = 60 * 60 * 1000;

function textList(values: readonly string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

/**
 * The open members of an identification queue: `identification_id` and `since` (when the item
 * entered the queue), without those a reviewer acknowledged. Each branch names the index that
 * serves it, so counts stay a matter of the few rows in the queue, not of every identification:
 *
 * - reversed_success: `identifications_reversed_success_idx`, partial on pending_successful_at not
 *   null and status failed/canceled; `since` is when the status turned, from the status history
 *   (`identification_status_changes_identification_observed_idx`, a few rows per identification).
 * - fraud_suspicion, data_changed: `idnow_attempts_result_idx` (and `idnow_attempts_reason_idx`
 *   for NO_ESIGN_FRAUD), grouped per identification; `since` is the first such attempt. These two
 *   read every such attempt ever stored (2–4 % of identifications, acknowledged or not): on
 *   PostgreSQL with 3M identifications and 60,000 suspicious attempts, about 1.5 s per count on a
 *   busy two-core machine. An index on (result, identification_id) including the attempt times
 *   would make them index-only; until then they grow with the history, not with the table.
 * - review_overdue: `identifications_review_started_at_idx`, partial on review_started_at not null
 *   (set only while pending_successful or pending_failed), range-scanned below now − 24 h.
 * - acknowledged items drop out through the unique key (identification_id, queue) of
 *   compliance_acknowledgements, one index probe per candidate.
 */
function openQueueMembers(queue: ComplianceQueue, options: { now: Date; identificationId?: string }): SQL {
  const only = (column: SQL) => (options.identificationId === undefined ? sql`` : sql` and ${column} = ${options.identificationId}`);
  let members: SQL;
  switch (queue) {
    case 'reversed_success':
      members = sql`
        select i.id as identification_id,
          coalesce(
            (select max(c.observed_at) from identification_status_changes c
              where c.identification_id = i.id and c.to_status = i.status),
            i.last_synced_at
          ) as since
        from identifications i
        where i.pending_successful_at is not null and i.status in ('failed', 'canceled')${only(sql`i.id`)}`;
      break;
    case 'fraud_suspicion':
      members = sql`
        select a.identification_id, min(coalesce(a.attempted_at, a.first_seen_at)) as since
        from idnow_attempts a
        where (a.result in (${textList(FRAUD_SUSPICION_RESULTS)}) or a.reason in (${textList(FRAUD_SUSPICION_REASONS)}))${only(sql`a.identification_id`)}
        group by a.identification_id`;
      break;
    case 'data_changed':
      members = sql`
        select a.identification_id, min(coalesce(a.attempted_at, a.first_seen_at)) as since
        from idnow_attempts a
        where a.result = ${DATA_CHANGED_RESULT}${only(sql`a.identification_id`)}
        group by a.identification_id`;
      break;
    case 'review_overdue': {
      const overdueSince = new Date(options.now.getTime() - REVIEW_MAX_HOURS * HOUR_MS);
      members = sql`
        select i.id as identification_id, i.review_started_at as since
        from identifications i
        where i.review_started_at is not null and i.review_started_at <= ${overdueSince}${only(sql`i.id`)}`;
      break;
    }
  }
  return sql`
    select m.identification_id, m.since from (${members}) m
    where not exists (
      select 1 from compliance_acknowledgements k
      where k.identification_id = m.identification_id and k.queue = ${queue}
    )`;
}

export interface ComplianceQueueCount {
  queue: ComplianceWorkQueue;
  open: number;
  /** When the oldest open item entered the queue; null when the queue is empty. */
  oldestAt: Date | null;
}

function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

async function countIdentificationQueue(db: DatabaseExecutor, queue: ComplianceQueue, now: Date): Promise<ComplianceQueueCount> {
  const result = await db.execute<{ open: number; oldest_at: unknown }>(sql`
    select count(*)::int as open, min(q.since) as oldest_at from (${openQueueMembers(queue, { now })}) q`);
  const row = result.rows[0];
  return { queue, open: Number(row?.open ?? 0), oldestAt: asDate(row?.oldest_at) };
}

async function countProofOfAddressQueue(db: DatabaseExecutor): Promise<ComplianceQueueCount> {
  // proof_of_address_submissions_status_recorded_at_idx (status, recorded_at): an index range.
  const result = await db.execute<{ open: number; oldest_at: unknown }>(sql`
    select count(*)::int as open, min(recorded_at) as oldest_at
    from proof_of_address_submissions where status = 'pending_review'`);
  const row = result.rows[0];
  return { queue: 'proof_of_address', open: Number(row?.open ?? 0), oldestAt: asDate(row?.oldest_at) };
}

/**
 * Open items and the oldest item's start, per queue, in COMPLIANCE_WORK_QUEUES order. `now` is
 * Identdesk's clock (the sandbox clock in sandbox mode), on which identification times are kept.
 */
export async function countComplianceQueues(db: DatabaseExecutor, params: { now: Date }): Promise<ComplianceQueueCount[]> {
  // Side by side on a PostgreSQL pool; PGlite and a transaction's one connection run them in turn.
  return Promise.all([
    countProofOfAddressQueue(db),
    countPersonChangeQueue(db).then((count) => ({ queue: 'person_changes' as const, ...count })),
    ...COMPLIANCE_QUEUES.map((queue) => countIdentificationQueue(db, queue, params.now)),
  ]);
}

/** An identification waiting in one of the acknowledgement queues. */
export interface IdentificationQueueItem {
  kind: 'identification';
  queue: ComplianceQueue;
  identificationId: string;
  personId: string;
  personName: string;
  status: IdentificationStatus;
  /** When it entered the queue: the reversal, the first suspicious or data-changing attempt, the start of the review. */
  since: Date;
  /** The failure code Solaris or the latest IDnow attempt gave (aborted/canceled), for decoding. */
  failureCode: string | null;
  latestAttemptResult: string | null;
  /** The IDnow results of the identification's attempts, oldest first (e.g. REVIEW_PENDING, CANCELED). */
  attemptResults: string[];
  /** data_changed: the payload paths of the fields the agent corrected (`userdata.firstname`; never values). */
  changedFields: string[];
  /** data_changed: the data changed in IDnow's review after a preliminary result, not during the call. */
  changedInReview: boolean;
  reviewStartedAt: Date | null;
}

/** A proof-of-address submission waiting for a compliance decision. */
export interface ProofOfAddressQueueItem {
  kind: 'proof_of_address';
  queue: 'proof_of_address';
  submissionId: string;
  identificationId: string | null;
  personId: string;
  personName: string;
  status: 'pending_review';
  since: Date;
  type: string;
  issuedOn: string;
  note: string | null;
  recordedBy: { id: string; name: string };
  recordedAt: Date;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  hasFile: boolean;
  uploadStatus: string;
  uploadError: string | null;
}

/** A proposed change to a customer's data waiting for a decision, or refused by Solaris and waiting for another look. */
export interface PersonChangeQueueItem {
  kind: 'person_change';
  queue: 'person_changes';
  personId: string;
  personName: string;
  since: Date;
  proposal: PersonChangeProposalRecord;
}

export type ComplianceQueueItem = IdentificationQueueItem | ProofOfAddressQueueItem | PersonChangeQueueItem;

export interface ListComplianceQueueParams {
  queue: ComplianceWorkQueue;
  page: number;
  pageSize: number;
  now: Date;
}

function personName(firstName: string | null, lastName: string | null): string {
  return [firstName, lastName].filter((part) => part && part.trim() !== '').join(' ') || '(no name)';
}

const FIELD_ORDER: readonly string[] = IDNOW_USER_DATA_FIELDS.map((field) => field.path);

function fieldRank(field: string): number {
  const index = FIELD_ORDER.indexOf(field);
  return index === -1 ? FIELD_ORDER.length : index;
}

/**
 * The payload paths of the fields an IDnow agent corrected (`userdata.firstname`), in the order
 * IDnow lists them (jsonb keeps keys in its own order). Values are left out: a queue shows that
 * data changed; the identification page shows what changed, to whoever may see it.
 */
export function changedUserDataFields(payload: unknown): string[] {
  return idnowDataChangesOf(payload)
    .map((change) => change.field)
    .sort((a, b) => fieldRank(a) - fieldRank(b) || a.localeCompare(b));
}

async function listIdentificationQueue(
  db: DatabaseExecutor,
  queue: ComplianceQueue,
  params: ListComplianceQueueParams,
): Promise<Paginated<IdentificationQueueItem>> {
  const members = openQueueMembers(queue, { now: params.now });
  const offset = (params.page - 1) * params.pageSize;
  const rows = await db.execute<{
      identification_id: string;
      since: unknown;
      person_id: string;
      first_name: string | null;
      last_name: string | null;
      status: IdentificationStatus;
      failure_reason: string | null;
      latest_failure_code: string | null;
      latest_attempt_result: string | null;
      review_started_at: unknown;
      attempt_results: string[] | null;
      total: number;
    }>(sql`
      select q.identification_id, q.since, q.total, i.person_id, p.first_name, p.last_name, i.status,
        i.failure_reason, i.latest_failure_code, i.latest_attempt_result, i.review_started_at,
        (select array_agg(a.result order by coalesce(a.attempted_at, a.first_seen_at), a.id)
          from idnow_attempts a where a.identification_id = q.identification_id and a.result is not null) as attempt_results
      from (
        -- The page first, then the joins: only its rows are looked up, however long the queue.
        -- The total comes from the same pass over the queue (a window over all its rows).
        select m.identification_id, m.since, count(*) over ()::int as total from (${members}) m
        order by m.since asc, m.identification_id asc
        limit ${params.pageSize} offset ${offset}
      ) q
      join identifications i on i.id = q.identification_id
      join persons p on p.id = i.person_id
      order by q.since asc, q.identification_id asc`);

  // Past the last page there is no row to carry the total: count on its own then.
  const total =
    rows.rows[0]?.total ??
    (offset === 0
      ? 0
      : Number((await db.execute<{ total: number }>(sql`select count(*)::int as total from (${members}) q`)).rows[0]?.total ?? 0));

  const changes = new Map<string, { fields: string[]; inReview: boolean }>();
  const ids = rows.rows.map((row) => row.identification_id);
  if (queue === 'data_changed' && ids.length > 0) {
    // Only for the page shown: the payloads of its data-changing attempts.
    const attempts = await db.execute<{ identification_id: string; payload: unknown; after_review: boolean }>(sql`
      select a.identification_id, a.payload,
        exists (
          select 1 from idnow_attempts r
          where r.identification_id = a.identification_id and r.result = 'REVIEW_PENDING'
            and coalesce(r.attempted_at, r.first_seen_at) <= coalesce(a.attempted_at, a.first_seen_at)
        ) as after_review
      from idnow_attempts a
      where a.result = ${DATA_CHANGED_RESULT} and a.identification_id in (${textList(ids)})
      order by coalesce(a.attempted_at, a.first_seen_at), a.id`);
    for (const attempt of attempts.rows) {
      const entry = changes.get(attempt.identification_id) ?? { fields: [], inReview: false };
      for (const field of changedUserDataFields(attempt.payload)) if (!entry.fields.includes(field)) entry.fields.push(field);
      entry.inReview ||= attempt.after_review;
      changes.set(attempt.identification_id, entry);
    }
    for (const entry of changes.values()) entry.fields.sort((a, b) => fieldRank(a) - fieldRank(b) || a.localeCompare(b));
  }

  return {
    items: rows.rows.map((row) => ({
      kind: 'identification',
      queue,
      identificationId: row.identification_id,
      personId: row.person_id,
      personName: personName(row.first_name, row.last_name),
      status: row.status,
      since: asDate(row.since) ?? params.now,
      failureCode: row.failure_reason ?? row.latest_failure_code,
      latestAttemptResult: row.latest_attempt_result,
      attemptResults: row.attempt_results ?? [],
      changedFields: changes.get(row.identification_id)?.fields ?? [],
      changedInReview: changes.get(row.identification_id)?.inReview ?? false,
      reviewStartedAt: asDate(row.review_started_at),
    })),
    total: Number(total),
    page: params.page,
    pageSize: params.pageSize,
  };
}

async function listProofOfAddressQueue(db: DatabaseExecutor, params: ListComplianceQueueParams): Promise<Paginated<ProofOfAddressQueueItem>> {
  const offset = (params.page - 1) * params.pageSize;
  // proof_of_address_submissions_status_recorded_at_idx serves the filter and the order.
  const counted = await db.execute<{ total: number }>(
    sql`select count(*)::int as total from proof_of_address_submissions where status = 'pending_review'`,
  );
  const rows = await db.execute<{
    id: string;
    identification_id: string | null;
    person_id: string;
    first_name: string | null;
    last_name: string | null;
    type: string;
    issued_on: string;
    note: string | null;
    recorded_by: string;
    recorded_by_name: string;
    recorded_at: unknown;
    file_name: string | null;
    content_type: string | null;
    size: string | number | null;
    file_id: string | null;
    upload_status: string;
    upload_error: string | null;
  }>(sql`
    select s.id, s.identification_id, s.person_id, p.first_name, p.last_name, s.type, s.issued_on::text as issued_on,
      s.note, s.recorded_by, u.display_name as recorded_by_name, s.recorded_at, s.file_name, s.content_type, s.size,
      s.file_id, s.upload_status, s.upload_error
    from proof_of_address_submissions s
    join persons p on p.id = s.person_id
    join users u on u.id = s.recorded_by
    where s.status = 'pending_review'
    order by s.recorded_at asc, s.id asc
    limit ${params.pageSize} offset ${offset}`);
  return {
    items: rows.rows.map((row) => {
      const recordedAt = asDate(row.recorded_at) ?? params.now;
      return {
        kind: 'proof_of_address',
        queue: 'proof_of_address',
        submissionId: row.id,
        identificationId: row.identification_id,
        personId: row.person_id,
        personName: personName(row.first_name, row.last_name),
        status: 'pending_review',
        since: recordedAt,
        type: row.type,
        issuedOn: row.issued_on,
        note: row.note,
        recordedBy: { id: row.recorded_by, name: row.recorded_by_name },
        recordedAt,
        fileName: row.file_name,
        contentType: row.content_type,
        size: row.size === null ? null : Number(row.size),
        hasFile: row.file_id !== null,
        uploadStatus: row.upload_status,
        uploadError: row.upload_error,
      };
    }),
    total: Number(counted.rows[0]?.total ?? 0),
    page: params.page,
    pageSize: params.pageSize,
  };
}

/** One page of a queue's open items, oldest first: the one waiting longest is worked first. */
export async function listComplianceQueue(db: DatabaseExecutor, params: ListComplianceQueueParams): Promise<Paginated<ComplianceQueueItem>> {
  if (params.queue === 'proof_of_address') return listProofOfAddressQueue(db, params);
  if (params.queue === 'person_changes') return listPersonChangeQueueItems(db, params);
  return listIdentificationQueue(db, params.queue, params);
}

async function listPersonChangeQueueItems(db: DatabaseExecutor, params: ListComplianceQueueParams): Promise<Paginated<PersonChangeQueueItem>> {
  const page = await listPersonChangeQueue(db, params);
  return {
    items: page.items.map((proposal) => ({
      kind: 'person_change',
      queue: 'person_changes',
      personId: proposal.personId,
      personName: proposal.personName,
      since: proposal.proposedAt,
      proposal,
    })),
    total: page.total,
    page: params.page,
    pageSize: params.pageSize,
  };
}

export type AcknowledgeComplianceItemResult =
  | { outcome: 'acknowledged'; acknowledgementId: string; personId: string; acknowledgedAt: Date }
  | { outcome: 'not_found' }
  | { outcome: 'not_in_queue' }
  | { outcome: 'already_acknowledged'; acknowledgedBy: string; acknowledgedAt: Date };

/**
 * Records that a reviewer dealt with an identification in a queue ("bank account blocked" for a
 * reversed success, "reviewed" elsewhere), which takes it out of the open list. Only an open
 * member of the queue can be acknowledged; a second acknowledgement, even a concurrent one, is
 * refused by the unique key and reported with the first one's author.
 */
export async function acknowledgeComplianceItem(
  db: DatabaseExecutor,
  params: {
    identificationId: string;
    queue: ComplianceQueue;
    userId: string;
    note: string;
    /** When the acknowledgement is made: the staff's wall clock. */
    now: Date;
    /**
     * The clock the queue is listed by (Solaris' time: the sandbox's own clock offline), which
     * decides whether a review is overdue; `now` unless given. Membership must be judged as the
     * reviewer saw the queue, or an item shown as overdue could not be acknowledged.
     */
    queueNow?: Date;
  },
): Promise<AcknowledgeComplianceItemResult> {
  return db.transaction(async (tx) => {
    const identification = await tx.execute<{ person_id: string }>(
      sql`select person_id from identifications where id = ${params.identificationId}`,
    );
    const personId = identification.rows[0]?.person_id;
    if (personId === undefined) return { outcome: 'not_found' };

    // Membership first, the earlier acknowledgement after: an acknowledgement takes the item out of
    // the queue, and on PostgreSQL each statement sees what committed before it began, so one that
    // a colleague commits between the two statements is still found and named.
    const member = await tx.execute(
      sql`select 1 from (${openQueueMembers(params.queue, { now: params.queueNow ?? params.now, identificationId: params.identificationId })}) q`,
    );
    if (member.rows.length === 0) {
      return (await existingAcknowledgement(tx, params.identificationId, params.queue)) ?? { outcome: 'not_in_queue' };
    }

    const inserted = await tx.execute<{ id: string; acknowledged_at: unknown }>(sql`
      insert into compliance_acknowledgements (identification_id, queue, acknowledged_by, acknowledged_at, note)
      values (${params.identificationId}, ${params.queue}, ${params.userId}, ${params.now}, ${params.note})
      on conflict on constraint compliance_acknowledgements_identification_queue_unique do nothing
      returning id, acknowledged_at`);
    const row = inserted.rows[0];
    if (!row) return (await existingAcknowledgement(tx, params.identificationId, params.queue)) ?? { outcome: 'not_in_queue' };
    return { outcome: 'acknowledged', acknowledgementId: row.id, personId, acknowledgedAt: asDate(row.acknowledged_at) ?? params.now };
  });
}

async function existingAcknowledgement(
  tx: DatabaseExecutor,
  identificationId: string,
  queue: ComplianceQueue,
): Promise<Extract<AcknowledgeComplianceItemResult, { outcome: 'already_acknowledged' }> | null> {
  const found = await tx.execute<{ display_name: string; acknowledged_at: unknown }>(sql`
    select u.display_name, k.acknowledged_at from compliance_acknowledgements k
    join users u on u.id = k.acknowledged_by
    where k.identification_id = ${identificationId} and k.queue = ${queue}`);
  const row = found.rows[0];
  if (!row) return null;
  return { outcome: 'already_acknowledged', acknowledgedBy: row.display_name, acknowledgedAt: asDate(row.acknowledged_at) ?? new Date(0) };
}

export const PROOF_OF_ADDRESS_DECISIONS = ['approve', 'reject', 'request_resubmission'] as const;
export type ProofOfAddressDecision = (typeof PROOF_OF_ADDRESS_DECISIONS)[number];

const STATUS_AFTER_DECISION = {
  approve: 'approved',
  reject: 'rejected',
  request_resubmission: 'resubmission_requested',
} as const satisfies Record<ProofOfAddressDecision, string>;

export type DecideProofOfAddressResult =
  | {
      outcome: 'decided';
      submissionId: string;
      personId: string;
      status: (typeof STATUS_AFTER_DECISION)[ProofOfAddressDecision];
      decidedAt: Date;
      /** The person's proof-of-address state after the decision. */
      proofOfAddressState: string;
    }
  | { outcome: 'not_found' }
  | { outcome: 'own_submission' }
  | { outcome: 'already_decided'; status: string; decidedBy: string | null; decidedAt: Date | null };

/**
 * A four-eyes decision on a proof-of-address submission. The row is locked first, so of two
 * concurrent decisions exactly one finds it pending and the other is told who decided; whoever
 * recorded the submission may not decide it (the database refuses that too). The person's
 * proof-of-address state is refreshed in the same transaction. Pass the caller's transaction to
 * make an audit event part of it.
 */
export async function decideProofOfAddressSubmission(
  db: DatabaseExecutor,
  params: { submissionId: string; deciderId: string; decision: ProofOfAddressDecision; reason: string | null; now: Date },
): Promise<DecideProofOfAddressResult> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{
      person_id: string;
      status: string;
      recorded_by: string;
      decided_by: string | null;
      decided_at: unknown;
    }>(sql`
      select person_id, status, recorded_by, decided_by, decided_at
      from proof_of_address_submissions
      where id = ${params.submissionId}
      for update`);
    const submission = locked.rows[0];
    if (!submission) return { outcome: 'not_found' };
    if (submission.recorded_by === params.deciderId) return { outcome: 'own_submission' };
    if (submission.status !== 'pending_review') {
      // The decider's name is read after the lock, in a statement of its own: on PostgreSQL a
      // row re-read after waiting for the lock keeps the joined rows of the first look, when
      // nobody had decided yet.
      const decider = submission.decided_by
        ? await tx.execute<{ display_name: string }>(sql`select display_name from users where id = ${submission.decided_by}`)
        : null;
      return {
        outcome: 'already_decided',
        status: submission.status,
        decidedBy: decider?.rows[0]?.display_name ?? null,
        decidedAt: asDate(submission.decided_at),
      };
    }

    const status = STATUS_AFTER_DECISION[params.decision];
    await tx.execute(sql`
      update proof_of_address_submissions
      set status = ${status}, decided_by = ${params.deciderId}, decided_at = ${params.now}, decision_reason = ${params.reason}
      where id = ${params.submissionId} and status = 'pending_review'`);
    const proofOfAddressState = await refreshProofOfAddressState(tx, submission.person_id);
    return {
      outcome: 'decided',
      submissionId: params.submissionId,
      personId: submission.person_id,
      status,
      decidedAt: params.now,
      proofOfAddressState,
    };
  });
}
