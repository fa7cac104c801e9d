import { IDENTIFICATION_STATUSES } from '@identdesk/domain';
import { pgEnum } from 'drizzle-orm/pg-core';

// In a file of its own: persons and identifications both use it, and identifications imports persons.
export const identificationStatus = pgEnum('identification_status', IDENTIFICATION_STATUSES);
