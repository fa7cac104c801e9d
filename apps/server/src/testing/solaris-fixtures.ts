import type { CreatePersonInput } from '@identdesk/domain';
import { SEED_CREATE_PERSON_REQUEST } from '@identdesk/domain/testing';
import { signWebhookBody, type SolarisClient } from '@identdesk/solaris';

let counter = 0;

/** Letters only: Solaris refuses digits and symbols in names. */
function uniqueSuffix(): string {
  counter += 1;
  let n = counter * 7919 + Math.floor(Math.random() * 1e6);
  let suffix = '';
  while (n > 0) {
    suffix += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  }
  return suffix;
}

/** The seed's person with a unique last name; `firstName` picks a test scenario (X-AUTOTEST-HAPPYPATH). */
export function personInput(firstName = 'Jane'): CreatePersonInput {
  return { ...SEED_CREATE_PERSON_REQUEST, first_name: firstName, last_name: `Doe ${uniqueSuffix()}` };
}

/** A person with an identification at the sandbox; requested (pending) unless told otherwise. */
export async function createIdentificationAtSolaris(
  solaris: SolarisClient,
  options: { firstName?: string; request?: boolean } = {},
) {
  const person = await solaris.createPerson(personInput(options.firstName));
  const created = await solaris.createIdentification(person.id, { method: 'idnow', language: 'DE' });
  const identification =
    options.request === false ? created : await solaris.requestIdentification(person.id, created.id);
  return { personId: person.id, identificationId: identification.id, identification };
}

export interface SignedDeliveryInput {
  secret: string;
  eventType: string;
  body: string;
  webhookId?: string;
  subscriptionId?: string;
  entityId?: string;
  attempt?: number;
}

/** Headers and body as Solaris sends a delivery, signed with `secret`. */
export function signedDelivery(input: SignedDeliveryInput) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'solaris-webhook-id': input.webhookId ?? crypto.randomUUID(),
    'solaris-webhook-event-type': input.eventType,
    'solaris-webhook-attempt': String(input.attempt ?? 1),
    'solaris-webhook-signature': signWebhookBody(input.secret, input.body),
  };
  if (input.subscriptionId) headers['solaris-webhook-subscription-id'] = input.subscriptionId;
  if (input.entityId) headers['solaris-entity-id'] = input.entityId;
  return { headers, body: input.body };
}

export function identificationBody(identification: {
  id: string;
  status: string;
  reference?: string | null;
  url?: string | null;
  completed_at?: string | null;
}): string {
  return JSON.stringify({
    id: identification.id,
    reference: identification.reference ?? null,
    url: identification.url ?? null,
    status: identification.status,
    completed_at: identification.completed_at ?? null,
    method: 'idnow',
    metadata: null,
  });
}
