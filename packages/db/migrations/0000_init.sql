CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."identification_status" AS ENUM('created', 'pending', 'pending_successful', 'pending_failed', 'successful', 'aborted', 'canceled', 'failed', 'expired');--> statement-breakpoint
CREATE TABLE "persons" (
	"id" text PRIMARY KEY NOT NULL,
	"salutation" text,
	"title" text,
	"first_name" text,
	"last_name" text,
	"address_line_1" text,
	"address_line_2" text,
	"address_postal_code" text,
	"address_city" text,
	"address_country" text,
	"address_state" text,
	"contact_address_line_1" text,
	"contact_address_line_2" text,
	"contact_address_postal_code" text,
	"contact_address_city" text,
	"contact_address_country" text,
	"contact_address_state" text,
	"email" text,
	"mobile_number" text,
	"birth_name" text,
	"birth_date" date,
	"birth_city" text,
	"birth_country" text,
	"nationality" text,
	"employment_status" text,
	"job_title" text,
	"tax_assessment" text,
	"marital_status" text,
	"fatca_relevant" boolean,
	"fatca_crs_confirmed_at" timestamp with time zone,
	"business_purpose" text,
	"industry" text,
	"industry_key" text,
	"terms_conditions_signed_at" timestamp with time zone,
	"own_economic_interest_signed_at" timestamp with time zone,
	"aml_follow_up_date" date,
	"aml_confirmed_on" date,
	"flagged_by_compliance" boolean,
	"expected_monthly_revenue_cents" bigint,
	"vat_number" text,
	"website_social_media" text,
	"business_trading_name" text,
	"nace_code" text,
	"business_address_line_1" text,
	"business_address_line_2" text,
	"business_postal_code" text,
	"business_city" text,
	"business_country" text,
	"business_state" text,
	"screening_progress" text,
	"risk_classification_status" text,
	"customer_vetting_status" text,
	"annual_income_range" text,
	"data_terms_signed_at" timestamp with time zone,
	"branch" text,
	"birth_province" text,
	"birth_post_code" text,
	"socioprofessional_category" text,
	"purpose_of_account_opening" text,
	"main_income_source" text,
	"work_country" text,
	"work_province" text,
	"self_declared_as_pep" boolean,
	"international_operativity_expectation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"registration_number" text,
	"legitimation_valid_until" date,
	"search_name" text DEFAULT '' NOT NULL,
	"mobile_digits" text,
	"email_normalized" text,
	"proof_of_address_required" boolean DEFAULT false NOT NULL,
	"solaris_created_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_synced_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "person_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" text NOT NULL,
	"version" integer NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_versions_person_id_version_unique" UNIQUE("person_id","version")
);
--> statement-breakpoint
CREATE TABLE "identifications" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"reference" text,
	"url" text,
	"status" "identification_status" NOT NULL,
	"completed_at" timestamp with time zone,
	"method" text,
	"proof_of_address_type" text,
	"proof_of_address_issued_at" date,
	"language" text,
	"iban" text,
	"terms_and_conditions_signed_at" timestamp with time zone,
	"authorization_expires_at" timestamp with time zone,
	"confirmation_expires_at" timestamp with time zone,
	"estimated_waiting_time" integer,
	"failure_reason" text,
	"provider_status_code" text,
	"address_line_1" text,
	"address_line_2" text,
	"address_postal_code" text,
	"address_city" text,
	"address_country" text,
	"address_state" text,
	"requested_at" timestamp with time zone,
	"url_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_synced_at" timestamp with time zone NOT NULL,
	"latest_attempt_result" text,
	"latest_failure_code" text
);
--> statement-breakpoint
CREATE TABLE "identification_status_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "identification_status_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"identification_id" text NOT NULL,
	"from_status" "identification_status",
	"to_status" "identification_status" NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identification_status_changes_dedup_unique" UNIQUE("identification_id","to_status","observed_at")
);
--> statement-breakpoint
CREATE TABLE "idnow_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"identification_id" text NOT NULL,
	"result" text,
	"reason" text,
	"payload" jsonb,
	"attempted_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"identification_id" text,
	"document_type" text,
	"name" text,
	"content_type" text,
	"size" bigint,
	"sha256" text,
	"storage_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proof_of_address_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"identification_id" text,
	"type" text NOT NULL,
	"issued_on" date NOT NULL,
	"document_id" text,
	"file_name" text,
	"content_type" text,
	"size" bigint,
	"sha256" text,
	"storage_key" text,
	"note" text,
	"status" text DEFAULT 'pending_review' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	CONSTRAINT "proof_of_address_submissions_status_known" CHECK ("proof_of_address_submissions"."status" in ('pending_review', 'approved', 'rejected', 'resubmission_requested')),
	CONSTRAINT "proof_of_address_submissions_decision_complete" CHECK (("proof_of_address_submissions"."status" = 'pending_review') = ("proof_of_address_submissions"."decided_by" is null and "proof_of_address_submissions"."decided_at" is null)),
	CONSTRAINT "proof_of_address_submissions_four_eyes" CHECK ("proof_of_address_submissions"."decided_by" is null or "proof_of_address_submissions"."decided_by" <> "proof_of_address_submissions"."recorded_by")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text,
	"oidc_subject" text,
	"disabled_at" timestamp with time zone,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_oidc_subject_unique" UNIQUE("oidc_subject"),
	CONSTRAINT "users_email_lower_case" CHECK ("users"."email" = lower("users"."email")),
	CONSTRAINT "users_role_known" CHECK ("users"."role" in ('agent', 'compliance', 'team_lead', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"idle_expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"person_id" text,
	"subject_type" text,
	"subject_id" text,
	"reason" text,
	"ip" text,
	"user_agent" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" text NOT NULL,
	"event_type" text NOT NULL,
	"subscription_id" text,
	"entity_id" text,
	"attempt" integer,
	"signature_valid" boolean NOT NULL,
	"headers" jsonb NOT NULL,
	"raw_body" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now(),
	"last_error" text,
	"processed_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_status_known" CHECK ("webhook_deliveries"."status" in ('received', 'processing', 'processed', 'failed', 'dead', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"url" text NOT NULL,
	"secret" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "person_versions" ADD CONSTRAINT "person_versions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identifications" ADD CONSTRAINT "identifications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identification_status_changes" ADD CONSTRAINT "identification_status_changes_identification_id_identifications_id_fk" FOREIGN KEY ("identification_id") REFERENCES "public"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idnow_attempts" ADD CONSTRAINT "idnow_attempts_identification_id_identifications_id_fk" FOREIGN KEY ("identification_id") REFERENCES "public"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_identification_id_identifications_id_fk" FOREIGN KEY ("identification_id") REFERENCES "public"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD CONSTRAINT "proof_of_address_submissions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD CONSTRAINT "proof_of_address_submissions_identification_id_identifications_id_fk" FOREIGN KEY ("identification_id") REFERENCES "public"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD CONSTRAINT "proof_of_address_submissions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD CONSTRAINT "proof_of_address_submissions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_of_address_submissions" ADD CONSTRAINT "proof_of_address_submissions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "persons_search_name_trgm_idx" ON "persons" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_email_normalized_idx" ON "persons" USING btree ("email_normalized");--> statement-breakpoint
CREATE INDEX "persons_mobile_digits_idx" ON "persons" USING btree ("mobile_digits");--> statement-breakpoint
CREATE INDEX "persons_birth_date_idx" ON "persons" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "persons_solaris_created_at_idx" ON "persons" USING btree ("solaris_created_at");--> statement-breakpoint
CREATE INDEX "persons_first_seen_at_idx" ON "persons" USING btree ("first_seen_at");--> statement-breakpoint
CREATE INDEX "persons_last_name_first_name_idx" ON "persons" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE INDEX "person_versions_observed_at_idx" ON "person_versions" USING btree ("observed_at");--> statement-breakpoint
CREATE INDEX "identifications_person_id_idx" ON "identifications" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "identifications_status_created_at_idx" ON "identifications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "identifications_created_at_idx" ON "identifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "identification_status_changes_identification_observed_idx" ON "identification_status_changes" USING btree ("identification_id","observed_at");--> statement-breakpoint
CREATE INDEX "identification_status_changes_to_status_observed_idx" ON "identification_status_changes" USING btree ("to_status","observed_at");--> statement-breakpoint
CREATE INDEX "idnow_attempts_reason_idx" ON "idnow_attempts" USING btree ("reason");--> statement-breakpoint
CREATE INDEX "idnow_attempts_attempted_at_idx" ON "idnow_attempts" USING btree ("attempted_at");--> statement-breakpoint
CREATE INDEX "idnow_attempts_identification_id_idx" ON "idnow_attempts" USING btree ("identification_id");--> statement-breakpoint
CREATE INDEX "documents_person_id_idx" ON "documents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "documents_identification_id_idx" ON "documents" USING btree ("identification_id");--> statement-breakpoint
CREATE INDEX "proof_of_address_submissions_status_recorded_at_idx" ON "proof_of_address_submissions" USING btree ("status","recorded_at");--> statement-breakpoint
CREATE INDEX "proof_of_address_submissions_person_id_idx" ON "proof_of_address_submissions" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_occurred_at_idx" ON "audit_events" USING btree ("actor_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_person_occurred_at_idx" ON "audit_events" USING btree ("person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_action_occurred_at_idx" ON "audit_events" USING btree ("action","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_webhook_id_unique" ON "webhook_deliveries" USING btree ("webhook_id") WHERE "webhook_deliveries"."signature_valid";--> statement-breakpoint
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_received_at_idx" ON "webhook_deliveries" USING btree ("received_at");