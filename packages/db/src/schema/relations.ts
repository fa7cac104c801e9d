import { relations } from 'drizzle-orm';
import { auditEvents } from './audit-events.ts';
import { documents } from './documents.ts';
import { identificationStatusChanges } from './identification-status-changes.ts';
import { identifications } from './identifications.ts';
import { idnowAttempts } from './idnow-attempts.ts';
import { personVersions } from './person-versions.ts';
import { persons } from './persons.ts';
import { proofOfAddressSubmissions } from './proof-of-address-submissions.ts';
import { sessions } from './sessions.ts';
import { users } from './users.ts';

export const personsRelations = relations(persons, ({ many }) => ({
  versions: many(personVersions),
  identifications: many(identifications),
  documents: many(documents),
  proofOfAddressSubmissions: many(proofOfAddressSubmissions),
}));

export const personVersionsRelations = relations(personVersions, ({ one }) => ({
  person: one(persons, { fields: [personVersions.personId], references: [persons.id] }),
}));

export const identificationsRelations = relations(identifications, ({ one, many }) => ({
  person: one(persons, { fields: [identifications.personId], references: [persons.id] }),
  statusChanges: many(identificationStatusChanges),
  attempts: many(idnowAttempts),
  documents: many(documents),
}));

export const identificationStatusChangesRelations = relations(identificationStatusChanges, ({ one }) => ({
  identification: one(identifications, {
    fields: [identificationStatusChanges.identificationId],
    references: [identifications.id],
  }),
}));

export const idnowAttemptsRelations = relations(idnowAttempts, ({ one }) => ({
  identification: one(identifications, { fields: [idnowAttempts.identificationId], references: [identifications.id] }),
}));

export const documentsRelations = relations(documents, ({ one }) => ({
  person: one(persons, { fields: [documents.personId], references: [persons.id] }),
  identification: one(identifications, { fields: [documents.identificationId], references: [identifications.id] }),
}));

export const proofOfAddressSubmissionsRelations = relations(proofOfAddressSubmissions, ({ one }) => ({
  person: one(persons, { fields: [proofOfAddressSubmissions.personId], references: [persons.id] }),
  identification: one(identifications, {
    fields: [proofOfAddressSubmissions.identificationId],
    references: [identifications.id],
  }),
  document: one(documents, { fields: [proofOfAddressSubmissions.documentId], references: [documents.id] }),
  recorder: one(users, {
    fields: [proofOfAddressSubmissions.recordedBy],
    references: [users.id],
    relationName: 'recorder',
  }),
  decider: one(users, {
    fields: [proofOfAddressSubmissions.decidedBy],
    references: [users.id],
    relationName: 'decider',
  }),
}));

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
  recordedProofsOfAddress: many(proofOfAddressSubmissions, { relationName: 'recorder' }),
  decidedProofsOfAddress: many(proofOfAddressSubmissions, { relationName: 'decider' }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  actor: one(users, { fields: [auditEvents.actorUserId], references: [users.id] }),
}));
