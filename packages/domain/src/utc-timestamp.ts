import { z } from 'zod';

/**
 * Consent timestamps (`terms_conditions_signed_at`, `data_terms_signed_at`, ...) must be UTC,
 * as the seed demands (e.g. 2019-01-01T00:00:00Z). Only the `Z` designator is accepted: an
 * offset such as +01:00 names the same instant but shows that the client recorded local time,
 * and a timestamp without zone is ambiguous. Fractional seconds (…00.000Z) are fine.
 * zod's ISO check also refuses dates that do not exist (2019-02-30).
 */
export const utcTimestampSchema = z.iso.datetime({
  error: 'Must be a UTC timestamp ending in Z, e.g. 2019-01-01T00:00:00Z (offsets like +01:00 are not accepted)',
});

/**
 * Timestamps that Solaris sends back. Read leniently (any ISO 8601 offset) so that a
 * response is never dropped over a formatting detail; what we send is held to UTC above.
 */
export const isoTimestampSchema = z.iso.datetime({
  offset: true,
  error: 'Must be an ISO 8601 timestamp, e.g. 2022-07-22T09:28:13.000Z',
});
