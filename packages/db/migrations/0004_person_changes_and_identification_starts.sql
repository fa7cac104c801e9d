CREATE TABLE "person_change_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"based_on_version" integer NOT NULL,
	"patch" jsonb NOT NULL,
	"previous_values" jsonb NOT NULL,
	"nearby_address" boolean DEFAULT false NOT NULL,
	"address_findings" jsonb,
	"note" text NOT NULL,
	"status" text DEFAULT 'pending_review' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"applied_at" timestamp with time zone,
	"applied_version" integer,
	"solaris_status" integer,
	"solaris_errors" jsonb,
	CONSTRAINT "person_change_proposals_status_known" CHECK ("person_change_proposals"."status" in ('pending_review', 'rejected', 'withdrawn', 'applying', 'applied', 'failed')),
	CONSTRAINT "person_change_proposals_note_present" CHECK (length(trim("person_change_proposals"."note")) > 0),
	CONSTRAINT "person_change_proposals_rejection_reason" CHECK ("person_change_proposals"."status" <> 'rejected' or length(trim(coalesce("person_change_proposals"."decision_reason", ''))) > 0),
	CONSTRAINT "person_change_proposals_decision_complete" CHECK (("person_change_proposals"."status" in ('pending_review', 'withdrawn')) = ("person_change_proposals"."decided_by" is null and "person_change_proposals"."decided_at" is null)),
	CONSTRAINT "person_change_proposals_four_eyes" CHECK ("person_change_proposals"."decided_by" is null or "person_change_proposals"."decided_by" <> "person_change_proposals"."proposed_by")
);
--> statement-breakpoint
CREATE TABLE "identification_starts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"replaces_identification_id" text,
	"identification_id" text,
	"language" text NOT NULL,
	"proof_of_address_type" text,
	"proof_of_address_issued_at" date,
	"proof_of_address_submission_id" uuid,
	"reason" text NOT NULL,
	"status" text DEFAULT 'creating' NOT NULL,
	"error" text,
	"started_by" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_at" timestamp with time zone,
	CONSTRAINT "identification_starts_status_known" CHECK ("identification_starts"."status" in ('creating', 'created', 'requested', 'failed')),
	CONSTRAINT "identification_starts_reason_present" CHECK (length(trim("identification_starts"."reason")) > 0)
);
--> statement-breakpoint
ALTER TABLE "person_change_proposals" ADD CONSTRAINT "person_change_proposals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_change_proposals" ADD CONSTRAINT "person_change_proposals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_change_proposals" ADD CONSTRAINT "person_change_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identification_starts" ADD CONSTRAINT "identification_starts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identification_starts" ADD CONSTRAINT "identification_starts_replaces_identification_id_identifications_id_fk" FOREIGN KEY ("replaces_identification_id") REFERENCES "public"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identification_starts" ADD CONSTRAINT "identification_starts_identification_id_identifications_id_fk" FOREIGN KEY ("identification_id") REFERENCES "public"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identification_starts" ADD CONSTRAINT "identification_starts_proof_of_address_submission_id_proof_of_address_submissions_id_fk" FOREIGN KEY ("proof_of_address_submission_id") REFERENCES "public"."proof_of_address_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identification_starts" ADD CONSTRAINT "identification_starts_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_change_proposals_person_id_idx" ON "person_change_proposals" USING btree ("person_id","proposed_at");--> statement-breakpoint
CREATE INDEX "person_change_proposals_status_proposed_at_idx" ON "person_change_proposals" USING btree ("status","proposed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "person_change_proposals_one_open_per_person" ON "person_change_proposals" USING btree ("person_id") WHERE "person_change_proposals"."status" in ('pending_review', 'applying');--> statement-breakpoint
CREATE INDEX "identification_starts_person_id_idx" ON "identification_starts" USING btree ("person_id","started_at");--> statement-breakpoint
CREATE INDEX "identification_starts_identification_id_idx" ON "identification_starts" USING btree ("identification_id");