import type { IdnowFieldStatus, IdnowResult } from '@identdesk/domain';
import type { PersonData } from '../persons/resource.ts';
import type { IdnowChannel } from './plan.ts';

/** IDnow's company id of the Solaris sandbox (seed URLs: go.test.idnow.de/solarisbankvideoidentsandbox/...). */
export const IDNOW_COMPANY_ID = 'solarisbankvideoidentsandbox';

const AGENTS = ['SANDBOX_AGENT_ANNA', 'SANDBOX_AGENT_BEN', 'SANDBOX_AGENT_CLARA', 'SANDBOX_AGENT_DENIZ'] as const;

interface UserDataField {
  status: IdnowFieldStatus;
  value: string | null;
  original?: string | null;
}

function field(before: string | null, after: string | null): UserDataField | null {
  if (before === after) return after === null ? null : { status: 'MATCH', value: after };
  if (before === null) return { status: 'NEW', value: after };
  return { status: 'CHANGE', value: after, original: before };
}

function compact(fields: Record<string, UserDataField | null>): Record<string, UserDataField> {
  const result: Record<string, UserDataField> = {};
  for (const [key, value] of Object.entries(fields)) if (value) result[key] = value;
  return result;
}

export interface IdnowPayloadInput {
  identificationId: string;
  reference: string;
  result: IdnowResult;
  reason: string | null;
  at: Date;
  channel: IdnowChannel;
  /** Person data before and after the agent's changes (equal when nothing changed). */
  before: PersonData;
  after: PersonData;
  mobileNumber: string | null;
  /** A number in [0, 1) choosing the agent and document number, stable per attempt. */
  pick: number;
}

/** The raw IDnow webhook JSON (`identificationprocess`, `userdata`, ...) stored with each attempt. */
export function buildIdnowPayload(input: IdnowPayloadInput): Record<string, unknown> {
  const { before, after } = input;
  const identificationprocess = {
    result: input.result,
    reason: input.reason,
    companyid: IDNOW_COMPANY_ID,
    filename: `${input.reference}.zip`,
    agentname: AGENTS[Math.floor(input.pick * AGENTS.length)] ?? AGENTS[0],
    identificationtime: input.at.toISOString(),
    id: input.reference,
    href: `/api/v1/${IDNOW_COMPANY_ID}/identifications/${input.reference}.zip`,
    type: input.channel,
    transactionnumber: input.identificationId,
  };
  const contactdata = compact({
    mobilephone: field(input.mobileNumber ?? before.mobile_number, input.mobileNumber ?? after.mobile_number),
    email: field(before.email, after.email),
  });
  if (input.result === 'ABORTED') return { identificationprocess, contactdata };

  const userdata = {
    ...compact({
      title: field(before.title, after.title),
      salutation: field(before.salutation, after.salutation),
      firstname: field(before.first_name, after.first_name),
      lastname: field(before.last_name, after.last_name),
      birthname: field(before.birth_name, after.birth_name),
      birthday: field(before.birth_date, after.birth_date),
      birthplace: field(before.birth_city, after.birth_city),
      nationality: field(before.nationality, after.nationality),
    }),
    address: compact({
      street: field(before.address.line_1, after.address.line_1),
      streetnumber: field(before.address.line_2, after.address.line_2),
      zipcode: field(before.address.postal_code, after.address.postal_code),
      city: field(before.address.city, after.address.city),
      country: field(before.address.country, after.address.country),
    }),
  };
  const documentNumber = `T${String(Math.floor(input.pick * 1e8)).padStart(8, '0')}`;
  const issued = new Date(input.at.getTime() - 3 * 365 * 86_400_000);
  const validUntil = new Date(issued.getTime() + 10 * 365 * 86_400_000);
  const identificationdocument = {
    type: { status: 'NEW', value: 'IDCARD' },
    country: { status: 'NEW', value: after.nationality ?? 'DE' },
    number: { status: 'NEW', value: documentNumber },
    issuedby: { status: 'NEW', value: 'SANDBOX AUTHORITY' },
    dateissued: { status: 'NEW', value: issued.toISOString().slice(0, 10) },
    validuntil: { status: 'NEW', value: validUntil.toISOString().slice(0, 10) },
  };
  return { identificationprocess, contactdata, userdata, identificationdocument };
}
