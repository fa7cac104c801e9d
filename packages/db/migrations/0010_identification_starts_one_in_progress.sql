-- Identdesk 0010: one new identification on its way per customer. Two agents (or one agent's
-- double click) could both pass the eligibility check and both have Solaris create an
-- identification; the index makes the second start's insert find the first instead.
-- A database where that already happened keeps each customer's newest start on its way and marks
-- the older ones failed (with why), so the index can be built; nothing is removed.
UPDATE "identification_starts" AS "older"
SET "status" = 'failed',
	"error" = 'Started twice at the same time: Identdesk kept the newer start of this customer'
WHERE "older"."status" in ('creating', 'created')
	AND EXISTS (
		SELECT 1 FROM "identification_starts" AS "newer"
		WHERE "newer"."person_id" = "older"."person_id"
			AND "newer"."status" in ('creating', 'created')
			AND ("newer"."started_at", "newer"."id") > ("older"."started_at", "older"."id")
	);--> statement-breakpoint
CREATE UNIQUE INDEX "identification_starts_one_in_progress_per_person" ON "identification_starts" USING btree ("person_id") WHERE "identification_starts"."status" in ('creating', 'created');
