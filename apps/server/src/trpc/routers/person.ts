import {
  findOpenPersonChangeProposal,
  getPersonDetail,
  insertPersonChangeProposal,
  listPersonChangeProposals,
  persons,
  withdrawPersonChangeProposal,
  type DatabaseExecutor,
} from '@identdesk/db';
import { personIdSchema, type PersonPatchInput } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { historyChangeForRole, personForRole } from '../../access/masking.ts';
import { audit } from '../../audit/audit.ts';
import { fieldErrorsError } from '../../person-changes/field-errors.ts';
import { currentPatchValues } from '../../person-changes/fields.ts';
import { proposalView } from '../../person-changes/proposal-view.ts';
import { checkProposal } from '../../person-changes/propose.ts';
import { roleProcedure, router } from '../init.ts';

const NOTE_MIN_LENGTH = 3;
const NOTE_MAX_LENGTH = 1000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const proposeChangeInputSchema = z.strictObject({
  personId: personIdSchema,
  basedOnVersion: z.number({ error: 'basedOnVersion must be the person version the form showed' }).int().min(1),
  // Checked in the procedure by the domain's allow-list schema on Identdesk's clock (aml_confirmed_on
  // is "today or tomorrow" there), so each refused field gets its own fieldError.
  patch: z.custom<PersonPatchInput>(isPlainObject, { error: 'patch must be an object of the fields to change' }),
  note: z
    .string({ error: 'A note is required: why does the customer want the change?' })
    .trim()
    .min(NOTE_MIN_LENGTH, { error: `The note needs at least ${NOTE_MIN_LENGTH} characters: why does the customer want the change?` })
    .max(NOTE_MAX_LENGTH, { error: `Keep the note to ${NOTE_MAX_LENGTH} characters or fewer` }),
  nearbyAddress: z.boolean({ error: 'nearbyAddress must be true or false' }),
});

function notFound(): never {
  throw new TRPCError({ code: 'NOT_FOUND', message: 'No customer has this id. Search for them again.' });
}

async function personRow(db: DatabaseExecutor, personId: string) {
  const [person] = await db.select().from(persons).where(eq(persons.id, personId));
  return person ?? notFound();
}

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const personRouter = router({
  /**
   * The person page: the customer, where proof of address stands and why, identifications,
   * documents and the field-level history. Agents see document-like numbers masked; the view is
   * in the audit trail before the data leaves the server.
   */
  get: roleProcedure('agent', 'compliance')
    .input(z.object({ id: personIdSchema }))
    .query(async ({ ctx, input }) => {
      const detail = await getPersonDetail(ctx.db, input.id);
      if (!detail) throw new TRPCError({ code: 'NOT_FOUND', message: 'No customer has this id. Search for them again.' });
      await audit(ctx, { action: 'person.viewed', personId: detail.person.id, subject: { type: 'person', id: detail.person.id } });
      const role = ctx.user.role;
      return {
        ...detail,
        person: personForRole(detail.person, role),
        history: detail.history.map((entry) => ({
          ...entry,
          changes: entry.changes.map((change) => historyChangeForRole(change, role)),
        })),
      };
    }),

  /**
   * The change form: the present value of every field a partner may change (the seed's PATCH
   * allow-list, in the PATCH's own shape), the person version it shows, and whether a change
   * can be proposed now (one open proposal per person).
   */
  changeForm: roleProcedure('agent', 'compliance')
    .input(z.strictObject({ personId: personIdSchema }))
    .query(async ({ ctx, input }) => {
      const person = await personRow(ctx.db, input.personId);
      const open = await findOpenPersonChangeProposal(ctx.db, person.id);
      await audit(ctx, {
        action: 'person.viewed',
        personId: person.id,
        subject: { type: 'person', id: person.id },
        details: { view: 'change_form' },
      });
      const openProposal = open ? proposalView(open, ctx.user) : null;
      return {
        personId: person.id,
        personName: [person.firstName, person.lastName].filter(Boolean).join(' ') || '(no name)',
        version: person.version,
        current: currentPatchValues(person, ctx.user.role !== 'compliance'),
        openProposal,
        canPropose: openProposal === null,
        cannotProposeReason: openProposal
          ? `${openProposal.proposedBy.name} proposed a change on ${when(open?.proposedAt ?? new Date())} that is ${openProposal.statusLabel.toLowerCase()}. Wait for it, or withdraw it if it is yours.`
          : null,
      };
    }),

  /**
   * Proposes a change for a compliance reviewer to decide (four eyes). Nothing goes to Solaris
   * yet. Refused field by field when the seed's rules or the address validation say no.
   */
  proposeChange: roleProcedure('agent', 'compliance')
    .input(proposeChangeInputSchema)
    .mutation(async ({ ctx, input }) => {
      const user = ctx.user;
      const person = await personRow(ctx.db, input.personId);
      const checked = checkProposal({ person, patch: input.patch, nearbyAddress: input.nearbyAddress, now: ctx.now() });
      if (!checked.ok) throw fieldErrorsError(checked.fieldErrors);
      const result = await ctx.db.transaction(async (tx) => {
        const inserted = await insertPersonChangeProposal(tx, {
          personId: person.id,
          basedOnVersion: input.basedOnVersion,
          patch: checked.patch,
          previousValues: checked.previous,
          nearbyAddress: input.nearbyAddress,
          addressFindings: checked.addressFindings,
          note: input.note,
          proposedBy: user.id,
          proposedAt: ctx.auth.clock(),
        });
        if (inserted.outcome === 'proposed') {
          await audit(
            { ...ctx, db: tx },
            {
              action: 'person.change_proposed',
              personId: person.id,
              subject: { type: 'person_change_proposal', id: inserted.proposal.id },
              reason: input.note,
              // Field names only: the values are personal data and stay in the proposal.
              details: { fields: Object.keys(checked.patch), nearbyAddress: input.nearbyAddress, basedOnVersion: input.basedOnVersion },
            },
          );
        }
        return inserted;
      });
      switch (result.outcome) {
        case 'not_found':
          return notFound();
        case 'version_changed':
          throw new TRPCError({
            code: 'CONFLICT',
            message: `The customer’s data changed since the form was opened (version ${input.basedOnVersion}, now ${result.versionNow}): reload the form and check the change again.`,
          });
        case 'open_exists':
          throw new TRPCError({
            code: 'CONFLICT',
            message: `${result.open.proposedBy.name} already proposed a change on ${when(result.open.proposedAt)} that is not decided yet. One change at a time: wait for it, or withdraw it if it is yours.`,
          });
        case 'proposed':
          return proposalView(result.proposal, user);
      }
    }),

  /** The person's proposed changes, newest first, with their decisions and Solaris' answers. */
  changeProposals: roleProcedure('agent', 'compliance')
    .input(z.strictObject({ personId: personIdSchema }))
    .query(async ({ ctx, input }) => {
      const person = await personRow(ctx.db, input.personId);
      const proposals = await listPersonChangeProposals(ctx.db, person.id);
      await audit(ctx, {
        action: 'person.viewed',
        personId: person.id,
        subject: { type: 'person', id: person.id },
        details: { view: 'change_proposals' },
      });
      return proposals.map((proposal) => proposalView(proposal, ctx.user));
    }),

  /** The proposer takes back a proposal nobody has decided. */
  withdrawChange: roleProcedure('agent', 'compliance')
    .input(z.strictObject({ proposalId: z.uuid({ error: 'proposalId must be the id of a proposed change (a UUID)' }) }))
    .mutation(async ({ ctx, input }) => {
      const user = ctx.user;
      const result = await ctx.db.transaction(async (tx) => {
        const withdrawn = await withdrawPersonChangeProposal(tx, { proposalId: input.proposalId, userId: user.id });
        if (withdrawn.outcome === 'withdrawn') {
          await audit(
            { ...ctx, db: tx },
            {
              action: 'person.change_withdrawn',
              personId: withdrawn.proposal.personId,
              subject: { type: 'person_change_proposal', id: withdrawn.proposal.id },
            },
          );
        }
        return withdrawn;
      });
      switch (result.outcome) {
        case 'not_found':
          throw new TRPCError({ code: 'NOT_FOUND', message: 'No proposed change has this id.' });
        case 'not_proposer':
          throw new TRPCError({
            code: 'FORBIDDEN',
            message: `Only ${result.proposal.proposedBy.name}, who proposed this change, can withdraw it.`,
          });
        case 'not_pending':
          throw new TRPCError({
            code: 'CONFLICT',
            message: `This change is ${result.proposal.status === 'withdrawn' ? 'already withdrawn' : `no longer waiting for a decision (${result.proposal.status.replaceAll('_', ' ')}${result.proposal.decidedBy ? ` by ${result.proposal.decidedBy.name}` : ''})`}: it cannot be withdrawn.`,
          });
        case 'withdrawn':
          return proposalView(result.proposal, user);
      }
    }),
});
