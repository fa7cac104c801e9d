export {
  openDatabase,
  migrateDatabase,
  MIGRATIONS_FOLDER,
  type Database,
  type DatabaseExecutor,
  type DatabaseHandle,
  type OpenDatabaseOptions,
  type Schema,
} from './client.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export * from './normalize.ts';
export * from './errors.ts';
export * from './queries/overview.ts';
export * from './queries/persons.ts';
export * from './queries/identifications.ts';
export * from './queries/audit.ts';
export * from './queries/audit-search.ts';
export * from './queries/users.ts';
export * from './queries/sessions.ts';
export * from './queries/identification-reveal.ts';
export * from './queries/webhooks.ts';
export * from './queries/webhook-intake.ts';
export * from './queries/webhook-admin.ts';
export * from './queries/webhook-subscriptions.ts';
export * from './queries/documents.ts';
export * from './queries/solaris-sync.ts';
export * from './solaris-snapshots.ts';
export * from './queries/person-search.ts';
export * from './queries/person-detail.ts';
export * from './queries/identification-detail.ts';
export * from './queries/proof-of-address.ts';
export * from './queries/compliance.ts';
export * from './queries/stored-files.ts';
export * from './queries/proof-of-address-state.ts';
export * from './queries/person-changes.ts';
export * from './queries/identification-starts.ts';
export * from './queries/metrics-buckets.ts';
export * from './queries/metrics-rollups.ts';
export * from './queries/metrics.ts';
