CREATE TABLE "person_name_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_acknowledgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identification_id" text NOT NULL,
	"queue" text NOT NULL,
	"acknowledged_by" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text NOT NULL,
	CONSTRAINT "compliance_acknowledgements_identification_queue_unique" UNIQUE("identification_id","queue"),
	CONSTRAINT "compliance_acknowledgements_queue_known" CHECK ("compliance_acknowledgements"."queue" in ('reversed_success', 'fraud_suspicion', 'data_changed', 'review_overdue')),
	CONSTRAINT "compliance_acknowledgements_note_present" CHECK (length(trim("compliance_acknowledgements"."note")) > 0)
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "search_words" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "proof_of_address_state" text DEFAULT 'depends_on_document' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "latest_identification_id" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "latest_identification_status" "identification_status";--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "latest_identification_language" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "latest_identification_created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identifications" ADD COLUMN "pending_successful_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identifications" ADD COLUMN "review_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD COLUMN "file_id" uuid;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD COLUMN "upload_status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD COLUMN "upload_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD COLUMN "upload_error" text;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD COLUMN "uploaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD COLUMN "next_upload_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "compliance_acknowledgements" ADD CONSTRAINT "compliance_acknowledgements_identification_id_identifications_id_fk" FOREIGN KEY ("identification_id") REFERENCES "public"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_acknowledgements" ADD CONSTRAINT "compliance_acknowledgements_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_name_words_word_trgm_idx" ON "person_name_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD CONSTRAINT "proof_of_address_submissions_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "persons_search_words_idx" ON "persons" USING gin ("search_words");--> statement-breakpoint
CREATE INDEX "persons_latest_identification_status_idx" ON "persons" USING btree ("latest_identification_status","first_seen_at");--> statement-breakpoint
CREATE INDEX "persons_proof_of_address_outstanding_idx" ON "persons" USING btree ("first_seen_at") WHERE "persons"."proof_of_address_state" = 'outstanding';--> statement-breakpoint
CREATE INDEX "identifications_review_started_at_idx" ON "identifications" USING btree ("review_started_at") WHERE "identifications"."review_started_at" is not null;--> statement-breakpoint
CREATE INDEX "identifications_reversed_success_idx" ON "identifications" USING btree ("pending_successful_at") WHERE "identifications"."pending_successful_at" is not null and "identifications"."status" in ('failed', 'canceled');--> statement-breakpoint
CREATE INDEX "idnow_attempts_result_idx" ON "idnow_attempts" USING btree ("result");--> statement-breakpoint
CREATE INDEX "proof_of_address_submissions_upload_due_idx" ON "proof_of_address_submissions" USING btree ("next_upload_at") WHERE "proof_of_address_submissions"."upload_status" = 'pending';--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_proof_of_address_state_known" CHECK ("persons"."proof_of_address_state" in ('not_needed', 'depends_on_document', 'outstanding', 'in_review', 'accepted'));--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD CONSTRAINT "proof_of_address_submissions_upload_status_known" CHECK ("proof_of_address_submissions"."upload_status" in ('pending', 'uploaded', 'failed'));--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD CONSTRAINT "proof_of_address_submissions_rejection_reason" CHECK ("proof_of_address_submissions"."status" in ('pending_review', 'approved') or length(trim(coalesce("proof_of_address_submissions"."decision_reason", ''))) > 0);--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" DROP COLUMN "storage_key";--> statement-breakpoint
-- Backfill what the new columns derive from existing rows. The search key now folds the German
-- spellings ae/oe/ue into a/o/u (Müller, Mueller and muller meet in "muller").
UPDATE "persons" SET "search_name" = replace(replace(replace("search_name", 'ae', 'a'), 'oe', 'o'), 'ue', 'u');--> statement-breakpoint
UPDATE "persons" SET "search_words" = array_remove(string_to_array("search_name", ' '), '');--> statement-breakpoint
INSERT INTO "person_name_words" ("word") SELECT DISTINCT unnest("search_words") FROM "persons" ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "persons" AS p SET
  "latest_identification_id" = latest."id",
  "latest_identification_status" = latest."status",
  "latest_identification_language" = latest."language",
  "latest_identification_created_at" = latest."created_at"
FROM (
  SELECT DISTINCT ON ("person_id") "person_id", "id", "status", "language", "created_at"
  FROM "identifications" ORDER BY "person_id", "created_at" DESC, "id" DESC
) AS latest
WHERE latest."person_id" = p."id";--> statement-breakpoint
UPDATE "identifications" AS i SET "pending_successful_at" = first_success."observed_at"
FROM (
  SELECT "identification_id", min("observed_at") AS "observed_at" FROM "identification_status_changes"
  WHERE "to_status" = 'pending_successful' GROUP BY "identification_id"
) AS first_success
WHERE first_success."identification_id" = i."id";--> statement-breakpoint
UPDATE "identifications" AS i SET "review_started_at" = entered."observed_at"
FROM (
  SELECT "identification_id", max("observed_at") AS "observed_at" FROM "identification_status_changes"
  WHERE "to_status" IN ('pending_successful', 'pending_failed') GROUP BY "identification_id"
) AS entered
WHERE entered."identification_id" = i."id" AND i."status" IN ('pending_successful', 'pending_failed');
