CREATE TABLE "metric_person_facts" (
	"person_id" text PRIMARY KEY NOT NULL,
	"cohort_at" timestamp with time zone NOT NULL,
	"cohort_day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"funnel_step" smallint NOT NULL,
	"funnel_identification_id" text,
	"interrupted_at" timestamp with time zone,
	"interrupted_day" date,
	"recovered" boolean NOT NULL,
	CONSTRAINT "metric_person_facts_funnel_step_range" CHECK ("metric_person_facts"."funnel_step" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "metric_funnel_daily" (
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"persons" integer NOT NULL,
	"with_identification" integer NOT NULL,
	"requested" integer NOT NULL,
	"reached_review_or_success" integer NOT NULL,
	"successful" integer NOT NULL,
	CONSTRAINT "metric_funnel_daily_pk" PRIMARY KEY("day","language","branch")
);
--> statement-breakpoint
CREATE TABLE "metric_status_daily" (
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"status" "identification_status" NOT NULL,
	"entered" integer NOT NULL,
	CONSTRAINT "metric_status_daily_pk" PRIMARY KEY("day","language","branch","status")
);
--> statement-breakpoint
CREATE TABLE "metric_attempt_daily" (
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"result" text NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer NOT NULL,
	CONSTRAINT "metric_attempt_daily_pk" PRIMARY KEY("day","language","branch","result","reason")
);
--> statement-breakpoint
CREATE TABLE "metric_time_to_identify_daily" (
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"bucket" smallint NOT NULL,
	"identifications" integer NOT NULL,
	CONSTRAINT "metric_time_to_identify_daily_pk" PRIMARY KEY("day","language","branch","bucket")
);
--> statement-breakpoint
CREATE TABLE "metric_retry_daily" (
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"interrupted" integer NOT NULL,
	"recovered" integer NOT NULL,
	CONSTRAINT "metric_retry_daily_pk" PRIMARY KEY("day","language","branch")
);
--> statement-breakpoint
CREATE INDEX "metric_person_facts_cohort_day_idx" ON "metric_person_facts" USING btree ("cohort_day","person_id");--> statement-breakpoint
-- Hand-written from here on. Indexes for metrics on tables whose schema files belong to other
-- areas (drizzle-kit does not know them): the failure-code drill-down pages attempts of one code
-- by attempt time, and team work counts proof-of-address submissions by when they were recorded
-- and decided.
CREATE INDEX "metric_idnow_attempts_reason_time_idx" ON "idnow_attempts" USING btree ("reason", (coalesce("attempted_at", "first_seen_at")));
--> statement-breakpoint
CREATE INDEX "metric_proof_of_address_recorded_at_idx" ON "proof_of_address_submissions" USING btree ("recorded_at");
--> statement-breakpoint
CREATE INDEX "metric_proof_of_address_decided_at_idx" ON "proof_of_address_submissions" USING btree ("decided_at") WHERE "decided_at" is not null;
--> statement-breakpoint
-- Backfill: the rollups of everything stored before this migration, the same statements as
-- rebuildMetricRollups (packages/db/src/queries/metrics-rollups.ts) without its deletes, with
-- the same memory for its aggregates (the migrations run in one transaction: LOCAL ends with it).
SET LOCAL work_mem = '64MB';
--> statement-breakpoint
insert into metric_person_facts (person_id, cohort_at, cohort_day, language, branch, funnel_step, funnel_identification_id, interrupted_at, interrupted_day, recovered)
    with ident as (
      select i.id, i.person_id, i.language, i.created_at,
             case
               when i.status = 'successful' or coalesce(h.ever_successful, false) then 5
               when i.status = 'pending_successful' or i.pending_successful_at is not null
                    or coalesce(h.ever_review_or_success, false) then 4
               when i.status <> 'created' or i.requested_at is not null or coalesce(h.ever_beyond_created, false) then 3
               else 2
             end as step
      from identifications i
      left join (
        select identification_id,
               bool_or(to_status = 'successful') as ever_successful,
               bool_or(to_status in ('pending_successful', 'successful')) as ever_review_or_success,
               bool_or(to_status <> 'created') as ever_beyond_created
        from identification_status_changes
        group by identification_id
      ) h on h.identification_id = i.id
    ),
    first_ident as (
      select distinct on (person_id) person_id, coalesce(language, '') as language
      from ident order by person_id, created_at, id
    ),
    best_ident as (
      select distinct on (person_id) person_id, id, step
      from ident order by person_id, step desc, created_at, id
    ),
    retry_events as (
      select i.person_id, coalesce(a.attempted_at, a.first_seen_at) as at, a.result in ('ABORTED', 'CANCELED') as interruption
      from idnow_attempts a
      join identifications i on i.id = a.identification_id
      where a.result in ('ABORTED', 'CANCELED', 'SUCCESS', 'SUCCESS_DATA_CHANGED', 'REVIEW_PENDING')
      union all
      select i.person_id, sc.observed_at, sc.to_status in ('aborted', 'canceled')
      from identification_status_changes sc
      join identifications i on i.id = sc.identification_id
      where sc.to_status in ('aborted', 'canceled', 'pending_successful', 'successful')
    ),
    retry as (
      select person_id,
             min(at) filter (where interruption) as interrupted_at,
             max(at) filter (where not interruption) as last_success_at
      from retry_events group by person_id
    )
    select p.id as person_id,
           coalesce(p.solaris_created_at, p.first_seen_at) as cohort_at,
           ((coalesce(p.solaris_created_at, p.first_seen_at)) at time zone 'Europe/Berlin')::date as cohort_day,
           coalesce(fi.language, '') as language,
           coalesce(case when v.person_id is not null then v.snapshot ->> 'branch' else p.branch end, '') as branch,
           coalesce(b.step, 1)::smallint as funnel_step,
           b.id as funnel_identification_id,
           r.interrupted_at,
           ((r.interrupted_at) at time zone 'Europe/Berlin')::date as interrupted_day,
           coalesce(r.last_success_at > r.interrupted_at, false) as recovered
    from persons p
    left join person_versions v on v.person_id = p.id and v.version = 1
    left join first_ident fi on fi.person_id = p.id
    left join best_ident b on b.person_id = p.id
    left join retry r on r.person_id = p.id;
--> statement-breakpoint
insert into metric_status_daily (day, language, branch, status, entered)
    select ((sc.observed_at) at time zone 'Europe/Berlin')::date as day,
           coalesce(i.language, '') as language,
           coalesce(f.branch, '') as branch,
           sc.to_status as status,
           count(*)::int as entered
    from identification_status_changes sc
    join identifications i on i.id = sc.identification_id
    left join metric_person_facts f on f.person_id = i.person_id
    group by 1, 2, 3, 4;
--> statement-breakpoint
insert into metric_attempt_daily (day, language, branch, result, reason, attempts)
    select ((coalesce(a.attempted_at, a.first_seen_at)) at time zone 'Europe/Berlin')::date as day,
           coalesce(i.language, '') as language,
           coalesce(f.branch, '') as branch,
           coalesce(a.result, '') as result,
           coalesce(a.reason, '') as reason,
           count(*)::int as attempts
    from idnow_attempts a
    join identifications i on i.id = a.identification_id
    left join metric_person_facts f on f.person_id = i.person_id
    group by 1, 2, 3, 4, 5;
--> statement-breakpoint
insert into metric_time_to_identify_daily (day, language, branch, bucket, identifications)
    select ((t.first_success_at) at time zone 'Europe/Berlin')::date as day,
           coalesce(t.language, '') as language,
           coalesce(f.branch, '') as branch,
           width_bucket(extract(epoch from t.first_success_at - t.requested_at)::float8, array[60, 71, 85, 101, 120, 143, 170, 202, 240, 285, 339, 404, 480, 571, 679, 807, 960, 1142, 1358, 1615, 1920, 2283, 2715, 3229, 3840, 4567, 5431, 6458, 7680, 9133, 10861, 12916, 15360, 18266, 21722, 25832, 30720, 36532, 43445, 51665, 61440, 73065, 86889, 103329, 122880, 146130, 173779, 206659, 245760, 292260, 347557, 413317, 491520, 584519, 695114, 826635, 983040, 1169038, 1390229, 1653270, 1966080, 2338076, 2780457, 3306539, 3932160, 4676153, 5560914, 6613078, 7864320]::float8[])::smallint as bucket,
           count(*)::int as identifications
    from (
      select i.person_id, i.language, i.requested_at,
             least(i.pending_successful_at, h.first_success_at) as first_success_at
      from identifications i
      left join (
        select identification_id, min(observed_at) as first_success_at
        from identification_status_changes
        where to_status in ('pending_successful', 'successful')
        group by identification_id
      ) h on h.identification_id = i.id
      where i.requested_at is not null
    ) t
    left join metric_person_facts f on f.person_id = t.person_id
    where t.first_success_at is not null
    group by 1, 2, 3, 4;
--> statement-breakpoint
insert into metric_funnel_daily (day, language, branch, persons, with_identification, requested, reached_review_or_success, successful)
  select cohort_day, language, branch, count(*)::int,
         (count(*) filter (where funnel_step >= 2))::int,
         (count(*) filter (where funnel_step >= 3))::int,
         (count(*) filter (where funnel_step >= 4))::int,
         (count(*) filter (where funnel_step >= 5))::int
  from metric_person_facts group by 1, 2, 3;
--> statement-breakpoint
insert into metric_retry_daily (day, language, branch, interrupted, recovered)
  select interrupted_day, language, branch, count(*)::int, (count(*) filter (where recovered))::int
  from metric_person_facts where interrupted_at is not null group by 1, 2, 3;
