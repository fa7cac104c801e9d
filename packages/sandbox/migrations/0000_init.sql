CREATE SCHEMA IF NOT EXISTS "sandbox";
--> statement-breakpoint
CREATE TABLE "sandbox"."clock_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"offset_ms" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox"."documents" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"identification_id" text,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"document_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox"."identifications" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"reference" text,
	"url" text,
	"language" text,
	"proof_of_address_type" text,
	"proof_of_address_issued_at" text,
	"completed_at" timestamp with time zone,
	"requested_at" timestamp with time zone,
	"url_expires_at" timestamp with time zone,
	"estimated_waiting_time" integer,
	"failure_reason" text,
	"provider_status_code" text,
	"scenario" text,
	"customer_step" text,
	"customer_mobile_number" text,
	"address" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox"."idnow_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"identification_id" text NOT NULL,
	"result" text NOT NULL,
	"reason" text,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox"."jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"identification_id" text,
	"payload" jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox"."persons" (
	"id" text PRIMARY KEY NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_city" text,
	"birth_date" text,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox"."webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"event_type" text NOT NULL,
	"entity_id" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"give_up_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox"."webhook_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"canceled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sandbox"."documents" ADD CONSTRAINT "documents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "sandbox"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox"."documents" ADD CONSTRAINT "documents_identification_id_identifications_id_fk" FOREIGN KEY ("identification_id") REFERENCES "sandbox"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox"."identifications" ADD CONSTRAINT "identifications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "sandbox"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox"."idnow_attempts" ADD CONSTRAINT "idnow_attempts_identification_id_identifications_id_fk" FOREIGN KEY ("identification_id") REFERENCES "sandbox"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox"."jobs" ADD CONSTRAINT "jobs_identification_id_identifications_id_fk" FOREIGN KEY ("identification_id") REFERENCES "sandbox"."identifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox"."webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "sandbox"."webhook_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_person_idx" ON "sandbox"."documents" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_identification_idx" ON "sandbox"."documents" USING btree ("identification_id");--> statement-breakpoint
CREATE INDEX "identifications_person_idx" ON "sandbox"."identifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "identifications_reference_idx" ON "sandbox"."identifications" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "idnow_attempts_identification_idx" ON "sandbox"."idnow_attempts" USING btree ("identification_id","created_at");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "sandbox"."jobs" USING btree ("due_at","id") WHERE "sandbox"."jobs"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "persons_identity_idx" ON "sandbox"."persons" USING btree ("first_name","last_name","birth_city","birth_date");--> statement-breakpoint
CREATE INDEX "persons_created_idx" ON "sandbox"."persons" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "sandbox"."webhook_deliveries" USING btree ("next_attempt_at") WHERE "sandbox"."webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subscription_idx" ON "sandbox"."webhook_deliveries" USING btree ("subscription_id");