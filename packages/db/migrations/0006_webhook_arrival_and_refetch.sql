-- Identdesk 0006: webhook deliveries keep their arrival order (several stored in one insert share
-- a received_at), and an identification remembers when its latest complete re-fetch began, so a
-- delivery that arrived before it is satisfied without asking Solaris again.
ALTER TABLE "identifications" ADD COLUMN "refetched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "arrival" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "webhook_deliveries_arrival_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);