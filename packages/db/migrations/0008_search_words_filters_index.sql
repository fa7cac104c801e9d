-- Identdesk 0008: the name index also holds the filters search offers beside a name (language,
-- status, proof of address), so a common name with a filter reads only the persons both select.
-- btree_gin gives GIN the plain columns; it is a trusted extension, like pg_trgm in 0000.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "persons_search_words_filters_idx" ON "persons" USING gin ("search_words","latest_identification_language","latest_identification_status","proof_of_address_state");--> statement-breakpoint
DROP INDEX "persons_search_words_idx";
