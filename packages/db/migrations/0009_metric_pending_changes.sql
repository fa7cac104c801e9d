-- Identdesk 0009: changes to identifications are counted into the metric rollups after the
-- writer's transaction, many persons at once: writers leave a mark here (what the identification
-- had counted when first marked), settling counts the marks and removes them.
CREATE TABLE "metric_pending_changes" (
	"person_id" text NOT NULL,
	"identification_id" text NOT NULL,
	"counted" jsonb NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metric_pending_changes_person_id_identification_id_pk" PRIMARY KEY("person_id","identification_id")
);
--> statement-breakpoint
CREATE INDEX "metric_pending_changes_marked_at_idx" ON "metric_pending_changes" USING btree ("marked_at");