CREATE TABLE "metric_attempt_summary" (
	"grain" text NOT NULL,
	"scope" smallint NOT NULL,
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"result" text NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer NOT NULL,
	CONSTRAINT "metric_attempt_summary_pk" PRIMARY KEY("grain","scope","language","branch","day","result","reason"),
	CONSTRAINT "metric_attempt_summary_grain_known" CHECK ("metric_attempt_summary"."grain" in ('day', 'week', 'month')),
	CONSTRAINT "metric_attempt_summary_scope_range" CHECK ("metric_attempt_summary"."scope" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "metric_funnel_summary" (
	"grain" text NOT NULL,
	"scope" smallint NOT NULL,
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"persons" integer NOT NULL,
	"with_identification" integer NOT NULL,
	"requested" integer NOT NULL,
	"reached_review_or_success" integer NOT NULL,
	"successful" integer NOT NULL,
	CONSTRAINT "metric_funnel_summary_pk" PRIMARY KEY("grain","scope","language","branch","day"),
	CONSTRAINT "metric_funnel_summary_grain_known" CHECK ("metric_funnel_summary"."grain" in ('day', 'week', 'month')),
	CONSTRAINT "metric_funnel_summary_scope_range" CHECK ("metric_funnel_summary"."scope" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "metric_retry_summary" (
	"grain" text NOT NULL,
	"scope" smallint NOT NULL,
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"interrupted" integer NOT NULL,
	"recovered" integer NOT NULL,
	CONSTRAINT "metric_retry_summary_pk" PRIMARY KEY("grain","scope","language","branch","day"),
	CONSTRAINT "metric_retry_summary_grain_known" CHECK ("metric_retry_summary"."grain" in ('day', 'week', 'month')),
	CONSTRAINT "metric_retry_summary_scope_range" CHECK ("metric_retry_summary"."scope" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "metric_status_summary" (
	"grain" text NOT NULL,
	"scope" smallint NOT NULL,
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"status" "identification_status" NOT NULL,
	"entered" integer NOT NULL,
	CONSTRAINT "metric_status_summary_pk" PRIMARY KEY("grain","scope","language","branch","day","status"),
	CONSTRAINT "metric_status_summary_grain_known" CHECK ("metric_status_summary"."grain" in ('day', 'week', 'month')),
	CONSTRAINT "metric_status_summary_scope_range" CHECK ("metric_status_summary"."scope" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "metric_team_work_summary" (
	"grain" text NOT NULL,
	"scope" smallint NOT NULL,
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"user_id" uuid NOT NULL,
	"recorded" integer NOT NULL,
	"decided" integer NOT NULL,
	"approved" integer NOT NULL,
	"rejected" integer NOT NULL,
	"resubmission_requested" integer NOT NULL,
	CONSTRAINT "metric_team_work_summary_pk" PRIMARY KEY("grain","scope","language","branch","day","user_id"),
	CONSTRAINT "metric_team_work_summary_grain_known" CHECK ("metric_team_work_summary"."grain" in ('day', 'week', 'month')),
	CONSTRAINT "metric_team_work_summary_scope_range" CHECK ("metric_team_work_summary"."scope" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "metric_time_to_identify_summary" (
	"grain" text NOT NULL,
	"scope" smallint NOT NULL,
	"day" date NOT NULL,
	"language" text NOT NULL,
	"branch" text NOT NULL,
	"bucket" smallint NOT NULL,
	"identifications" integer NOT NULL,
	CONSTRAINT "metric_time_to_identify_summary_pk" PRIMARY KEY("grain","scope","language","branch","day","bucket"),
	CONSTRAINT "metric_time_to_identify_summary_grain_known" CHECK ("metric_time_to_identify_summary"."grain" in ('day', 'week', 'month')),
	CONSTRAINT "metric_time_to_identify_summary_scope_range" CHECK ("metric_time_to_identify_summary"."scope" between 0 and 3)
);
--> statement-breakpoint
CREATE INDEX "metric_person_facts_step_cohort_day_idx" ON "metric_person_facts" USING btree ("funnel_step","cohort_day","person_id");
--> statement-breakpoint
-- Fill the summaries from what is already counted, exactly as a rebuild does.
insert into metric_status_summary (grain, scope, day, language, branch, status, entered)
  select g.grain, s.scope, g.day, s.language, s.branch, r.status, sum(r.entered)::int
  from metric_status_daily r
  cross join lateral (values ('day', r.day), ('week', date_trunc('week', r.day::timestamp)::date),
                             ('month', date_trunc('month', r.day::timestamp)::date)) as g(grain, day)
  cross join lateral (values (0, r.language, r.branch), (1, '', r.branch), (2, r.language, ''), (3, '', '')) as s(scope, language, branch)
  group by g.grain, s.scope, g.day, s.language, s.branch, r.status
  order by g.grain, s.scope, s.language, s.branch, g.day, r.status;
--> statement-breakpoint
insert into metric_attempt_summary (grain, scope, day, language, branch, result, reason, attempts)
  select g.grain, s.scope, g.day, s.language, s.branch, r.result, r.reason, sum(r.attempts)::int
  from metric_attempt_daily r
  cross join lateral (values ('day', r.day), ('week', date_trunc('week', r.day::timestamp)::date),
                             ('month', date_trunc('month', r.day::timestamp)::date)) as g(grain, day)
  cross join lateral (values (0, r.language, r.branch), (1, '', r.branch), (2, r.language, ''), (3, '', '')) as s(scope, language, branch)
  group by g.grain, s.scope, g.day, s.language, s.branch, r.result, r.reason
  order by g.grain, s.scope, s.language, s.branch, g.day, r.result, r.reason;
--> statement-breakpoint
insert into metric_time_to_identify_summary (grain, scope, day, language, branch, bucket, identifications)
  select g.grain, s.scope, g.day, s.language, s.branch, r.bucket, sum(r.identifications)::int
  from metric_time_to_identify_daily r
  cross join lateral (values ('day', r.day), ('week', date_trunc('week', r.day::timestamp)::date),
                             ('month', date_trunc('month', r.day::timestamp)::date)) as g(grain, day)
  cross join lateral (values (0, r.language, r.branch), (1, '', r.branch), (2, r.language, ''), (3, '', '')) as s(scope, language, branch)
  group by g.grain, s.scope, g.day, s.language, s.branch, r.bucket
  order by g.grain, s.scope, s.language, s.branch, g.day, r.bucket;
--> statement-breakpoint
insert into metric_funnel_summary (grain, scope, day, language, branch, persons, with_identification, requested, reached_review_or_success, successful)
  select g.grain, s.scope, g.day, s.language, s.branch, sum(r.persons)::int, sum(r.with_identification)::int, sum(r.requested)::int, sum(r.reached_review_or_success)::int, sum(r.successful)::int
  from metric_funnel_daily r
  cross join lateral (values ('day', r.day), ('week', date_trunc('week', r.day::timestamp)::date),
                             ('month', date_trunc('month', r.day::timestamp)::date)) as g(grain, day)
  cross join lateral (values (0, r.language, r.branch), (1, '', r.branch), (2, r.language, ''), (3, '', '')) as s(scope, language, branch)
  group by g.grain, s.scope, g.day, s.language, s.branch
  order by g.grain, s.scope, s.language, s.branch, g.day;
--> statement-breakpoint
insert into metric_retry_summary (grain, scope, day, language, branch, interrupted, recovered)
  select g.grain, s.scope, g.day, s.language, s.branch, sum(r.interrupted)::int, sum(r.recovered)::int
  from metric_retry_daily r
  cross join lateral (values ('day', r.day), ('week', date_trunc('week', r.day::timestamp)::date),
                             ('month', date_trunc('month', r.day::timestamp)::date)) as g(grain, day)
  cross join lateral (values (0, r.language, r.branch), (1, '', r.branch), (2, r.language, ''), (3, '', '')) as s(scope, language, branch)
  group by g.grain, s.scope, g.day, s.language, s.branch
  order by g.grain, s.scope, s.language, s.branch, g.day;
--> statement-breakpoint
insert into metric_team_work_summary
    (grain, scope, day, language, branch, user_id, recorded, decided, approved, rejected, resubmission_requested)
  select g.grain, s.scope, g.day, s.language, s.branch, r.user_id,
         sum(r.recorded)::int, sum(r.decided)::int, sum(r.approved)::int, sum(r.rejected)::int, sum(r.resubmission_requested)::int
  from (
  select ((s.recorded_at) at time zone 'Europe/Berlin')::date as day, coalesce(i.language, '') as language,
         coalesce(f.branch, '') as branch, s.recorded_by as user_id,
         1 as recorded, 0 as decided, 0 as approved, 0 as rejected, 0 as resubmission_requested
  from proof_of_address_submissions s
  left join identifications i on i.id = s.identification_id
  left join metric_person_facts f on f.person_id = s.person_id
  union all
  select ((s.decided_at) at time zone 'Europe/Berlin')::date, coalesce(i.language, ''), coalesce(f.branch, ''), s.decided_by,
         0, 1, (s.status = 'approved')::int, (s.status = 'rejected')::int, (s.status = 'resubmission_requested')::int
  from proof_of_address_submissions s
  left join identifications i on i.id = s.identification_id
  left join metric_person_facts f on f.person_id = s.person_id
  where s.decided_at is not null) r
  cross join lateral (values ('day', r.day), ('week', date_trunc('week', r.day::timestamp)::date),
                             ('month', date_trunc('month', r.day::timestamp)::date)) as g(grain, day)
  cross join lateral (values (0, r.language, r.branch), (1, '', r.branch), (2, r.language, ''), (3, '', '')) as s(scope, language, branch)
  group by g.grain, s.scope, g.day, s.language, s.branch, r.user_id
  order by g.grain, s.scope, s.language, s.branch, g.day, r.user_id;
--> statement-breakpoint
-- Team work (proof-of-address submissions recorded and decided per staff member) is counted by
-- the database itself, whatever code path records or decides a submission: every insert, update
-- or delete subtracts what the old row counted and adds what the new row counts. The same
-- definition as TEAM_WORK_ROWS in queries/metrics-rollups.ts, which the rebuild uses.
CREATE OR REPLACE FUNCTION "metric_team_work_rows"(s "proof_of_address_submissions", sign integer)
RETURNS TABLE (day date, language text, branch text, user_id uuid, recorded integer, decided integer,
               approved integer, rejected integer, resubmission_requested integer)
LANGUAGE sql STABLE AS $$
  select c.day, coalesce(i.language, ''), coalesce(f.branch, ''), c.user_id,
         c.recorded * sign, c.decided * sign, c.approved * sign, c.rejected * sign, c.resubmission_requested * sign
  from (values
      ((s.recorded_at at time zone 'Europe/Berlin')::date, s.recorded_by, 1, 0, 0, 0, 0),
      ((s.decided_at at time zone 'Europe/Berlin')::date, s.decided_by, 0, 1,
       (s.status = 'approved')::int, (s.status = 'rejected')::int, (s.status = 'resubmission_requested')::int)
    ) as c(day, user_id, recorded, decided, approved, rejected, resubmission_requested)
  left join identifications i on i.id = s.identification_id
  left join metric_person_facts f on f.person_id = s.person_id
  where s.id is not null and c.day is not null
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "metric_team_work_count"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_row "proof_of_address_submissions";
  new_row "proof_of_address_submissions";
  changed record;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := OLD; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := NEW; END IF;
  -- Summary rows in key order, so two transactions lock shared rows in the same order.
  FOR changed IN
    INSERT INTO metric_team_work_summary AS t
      (grain, scope, day, language, branch, user_id, recorded, decided, approved, rejected, resubmission_requested)
    SELECT g.grain, s.scope, g.day, s.language, s.branch, r.user_id,
           sum(r.recorded), sum(r.decided), sum(r.approved), sum(r.rejected), sum(r.resubmission_requested)
    FROM (SELECT * FROM metric_team_work_rows(old_row, -1) UNION ALL SELECT * FROM metric_team_work_rows(new_row, 1)) r
    CROSS JOIN LATERAL (VALUES ('day', r.day), ('week', date_trunc('week', r.day::timestamp)::date),
      ('month', date_trunc('month', r.day::timestamp)::date)) AS g(grain, day)
    CROSS JOIN LATERAL (VALUES (0, r.language, r.branch), (1, '', r.branch), (2, r.language, ''), (3, '', '')) AS s(scope, language, branch)
    GROUP BY g.grain, s.scope, g.day, s.language, s.branch, r.user_id
    HAVING sum(r.recorded) <> 0 OR sum(r.decided) <> 0 OR sum(r.approved) <> 0 OR sum(r.rejected) <> 0
        OR sum(r.resubmission_requested) <> 0
    ORDER BY g.grain, s.scope, s.language, s.branch, g.day, r.user_id
    ON CONFLICT (grain, scope, language, branch, day, user_id) DO UPDATE SET
      recorded = t.recorded + excluded.recorded, decided = t.decided + excluded.decided,
      approved = t.approved + excluded.approved, rejected = t.rejected + excluded.rejected,
      resubmission_requested = t.resubmission_requested + excluded.resubmission_requested
    RETURNING t.grain, t.scope, t.language, t.branch, t.day, t.user_id, t.recorded, t.decided
  LOOP
    -- A row left counting nothing is removed: a rebuild would not write it.
    IF changed.recorded = 0 AND changed.decided = 0 THEN
      DELETE FROM metric_team_work_summary
      WHERE grain = changed.grain AND scope = changed.scope AND language = changed.language
        AND branch = changed.branch AND day = changed.day AND user_id = changed.user_id;
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "proof_of_address_submissions_team_work"
  AFTER INSERT OR DELETE OR UPDATE OF recorded_at, recorded_by, decided_at, decided_by, status, identification_id, person_id
  ON "proof_of_address_submissions"
  FOR EACH ROW EXECUTE FUNCTION "metric_team_work_count"();
--> statement-breakpoint
-- Every statement that changes a daily rollup adds its change to the rollup's summary in the
-- same transaction: the rows it inserted, minus the rows it deleted, an update as both, each
-- counted on its day and its month at the four scopes. A summary row left counting nothing is
-- removed, as a rebuild would not write it. The rebuild writes the summaries in bulk itself
-- and sets identdesk.metric_rebuild for its transaction.
CREATE OR REPLACE FUNCTION "metric_summary_follow"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  summary text := TG_ARGV[0];
  rest text := TG_ARGV[1];
  counts text[] := string_to_array(TG_ARGV[2], ',');
  columns text := 'day, language, branch' || rest;
  keys text := 'g.grain, s.scope, s.language, s.branch, g.day' || rest;
  plus text := (SELECT string_agg(format('%I', c), ', ') FROM unnest(counts) AS c);
  minus text := (SELECT string_agg(format('-%I AS %I', c, c), ', ') FROM unnest(counts) AS c);
  changed text;
  expanded text;
BEGIN
  IF current_setting('identdesk.metric_rebuild', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    changed := format('select %s, %s from new_rows', columns, plus);
  ELSIF TG_OP = 'DELETE' THEN
    changed := format('select %s, %s from old_rows', columns, minus);
  ELSE
    changed := format('select %s, %s from new_rows union all select %s, %s from old_rows', columns, plus, columns, minus);
  END IF;
  expanded := format($sql$(%s) AS r
    CROSS JOIN LATERAL (VALUES ('day', r.day), ('week', date_trunc('week', r.day::timestamp)::date),
      ('month', date_trunc('month', r.day::timestamp)::date)) AS g(grain, day)
    CROSS JOIN LATERAL (VALUES (0, r.language, r.branch), (1, '', r.branch), (2, r.language, ''), (3, '', '')) AS s(scope, language, branch)$sql$,
    changed);
  -- Rows in key order, so two transactions lock shared summary rows in the same order.
  EXECUTE format(
    'INSERT INTO %I AS t (grain, scope, language, branch, day%s, %s) SELECT %s, %s FROM %s GROUP BY %s HAVING %s ORDER BY %s '
    'ON CONFLICT (grain, scope, language, branch, day%s) DO UPDATE SET %s',
    summary, rest, plus, keys,
    (SELECT string_agg(format('sum(%I)', c), ', ') FROM unnest(counts) AS c),
    expanded, keys,
    (SELECT string_agg(format('sum(%I) <> 0', c), ' OR ') FROM unnest(counts) AS c),
    keys, rest,
    (SELECT string_agg(format('%I = t.%I + excluded.%I', c, c, c), ', ') FROM unnest(counts) AS c));
  EXECUTE format(
    'DELETE FROM %I AS t WHERE t.%I = 0 AND (t.grain, t.scope, t.language, t.branch, t.day) IN '
    '(SELECT DISTINCT g.grain, s.scope, s.language, s.branch, g.day FROM %s)',
    summary, counts[1], expanded);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "metric_status_daily_summary_insert" AFTER INSERT ON "metric_status_daily" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_status_summary', ', status', 'entered');
--> statement-breakpoint
CREATE TRIGGER "metric_status_daily_summary_update" AFTER UPDATE ON "metric_status_daily" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_status_summary', ', status', 'entered');
--> statement-breakpoint
CREATE TRIGGER "metric_status_daily_summary_delete" AFTER DELETE ON "metric_status_daily" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_status_summary', ', status', 'entered');
--> statement-breakpoint
CREATE TRIGGER "metric_attempt_daily_summary_insert" AFTER INSERT ON "metric_attempt_daily" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_attempt_summary', ', result, reason', 'attempts');
--> statement-breakpoint
CREATE TRIGGER "metric_attempt_daily_summary_update" AFTER UPDATE ON "metric_attempt_daily" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_attempt_summary', ', result, reason', 'attempts');
--> statement-breakpoint
CREATE TRIGGER "metric_attempt_daily_summary_delete" AFTER DELETE ON "metric_attempt_daily" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_attempt_summary', ', result, reason', 'attempts');
--> statement-breakpoint
CREATE TRIGGER "metric_time_to_identify_daily_summary_insert" AFTER INSERT ON "metric_time_to_identify_daily" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_time_to_identify_summary', ', bucket', 'identifications');
--> statement-breakpoint
CREATE TRIGGER "metric_time_to_identify_daily_summary_update" AFTER UPDATE ON "metric_time_to_identify_daily" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_time_to_identify_summary', ', bucket', 'identifications');
--> statement-breakpoint
CREATE TRIGGER "metric_time_to_identify_daily_summary_delete" AFTER DELETE ON "metric_time_to_identify_daily" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_time_to_identify_summary', ', bucket', 'identifications');
--> statement-breakpoint
CREATE TRIGGER "metric_funnel_daily_summary_insert" AFTER INSERT ON "metric_funnel_daily" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_funnel_summary', '', 'persons,with_identification,requested,reached_review_or_success,successful');
--> statement-breakpoint
CREATE TRIGGER "metric_funnel_daily_summary_update" AFTER UPDATE ON "metric_funnel_daily" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_funnel_summary', '', 'persons,with_identification,requested,reached_review_or_success,successful');
--> statement-breakpoint
CREATE TRIGGER "metric_funnel_daily_summary_delete" AFTER DELETE ON "metric_funnel_daily" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_funnel_summary', '', 'persons,with_identification,requested,reached_review_or_success,successful');
--> statement-breakpoint
CREATE TRIGGER "metric_retry_daily_summary_insert" AFTER INSERT ON "metric_retry_daily" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_retry_summary', '', 'interrupted,recovered');
--> statement-breakpoint
CREATE TRIGGER "metric_retry_daily_summary_update" AFTER UPDATE ON "metric_retry_daily" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_retry_summary', '', 'interrupted,recovered');
--> statement-breakpoint
CREATE TRIGGER "metric_retry_daily_summary_delete" AFTER DELETE ON "metric_retry_daily" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "metric_summary_follow"('metric_retry_summary', '', 'interrupted,recovered');
--> statement-breakpoint
-- PGlite never analyzes on its own: give the planner the summaries' sizes now.
ANALYZE "metric_status_summary", "metric_attempt_summary", "metric_time_to_identify_summary", "metric_funnel_summary",
  "metric_retry_summary", "metric_team_work_summary", "metric_person_facts";
