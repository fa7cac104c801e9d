-- Identdesk 0007: customer searches and compliance queues record whom a page showed as
-- details.personIds; the audit page's customer filter finds those events through this index too.
CREATE INDEX "audit_events_shown_person_ids_idx" ON "audit_events" USING gin (("details" -> 'personIds') jsonb_path_ops);
