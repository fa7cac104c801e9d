import type { PersonField } from './person-field-labels.ts';

/**
 * The user-data fields of an IDnow payload that Identdesk reads, with the person field each one
 * corresponds to. IDnow nests the address (`userdata.address.street`) and the contact data
 * (`contactdata.mobilephone`); the path names the field the way the payload does.
 */
export const IDNOW_USER_DATA_FIELDS = [
  { path: 'userdata.title', label: 'Title', personField: 'title' },
  { path: 'userdata.salutation', label: 'Salutation', personField: 'salutation' },
  { path: 'userdata.firstname', label: 'First name', personField: 'firstName' },
  { path: 'userdata.lastname', label: 'Last name', personField: 'lastName' },
  { path: 'userdata.birthname', label: 'Birth name', personField: 'birthName' },
  { path: 'userdata.birthday', label: 'Date of birth', personField: 'birthDate' },
  { path: 'userdata.birthplace', label: 'Place of birth', personField: 'birthCity' },
  { path: 'userdata.nationality', label: 'Nationality', personField: 'nationality' },
  { path: 'userdata.address.street', label: 'Street', personField: 'addressLine1' },
  { path: 'userdata.address.streetnumber', label: 'House number', personField: 'addressLine2' },
  { path: 'userdata.address.zipcode', label: 'Postal code', personField: 'addressPostalCode' },
  { path: 'userdata.address.city', label: 'City', personField: 'addressCity' },
  { path: 'userdata.address.country', label: 'Country of residence', personField: 'addressCountry' },
  { path: 'contactdata.mobilephone', label: 'Mobile number', personField: 'mobileNumber' },
  { path: 'contactdata.email', label: 'Email', personField: 'email' },
] as const satisfies readonly { path: string; label: string; personField: PersonField }[];

export interface IdnowDataChange {
  /** Where the field sits in the IDnow payload, e.g. `userdata.address.street`. */
  field: string;
  label: string;
  /** The person field the IDnow agent corrected; null for a field Identdesk does not map. */
  personField: PersonField | null;
  /** The application's value before the call (IDnow's `original`), null when IDnow does not give it. */
  from: string | null;
  to: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function at(payload: unknown, path: string): unknown {
  let node: unknown = payload;
  for (const key of path.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Every `{ status, value }` leaf below `node`, with its dotted path. */
function fieldLeaves(node: unknown, path: string): { path: string; field: Record<string, unknown> }[] {
  if (!isRecord(node)) return [];
  if (typeof node.status === 'string') return [{ path, field: node }];
  return Object.entries(node).flatMap(([key, child]) => fieldLeaves(child, `${path}.${key}`));
}

/**
 * What the IDnow agent corrected during the call: the payload's user and contact data fields
 * with status CHANGE, in payload order. Fields Identdesk does not map still show, under their
 * payload path, so nothing the agent changed goes unseen.
 */
export function idnowDataChangesOf(payload: unknown): IdnowDataChange[] {
  const known = new Map<string, (typeof IDNOW_USER_DATA_FIELDS)[number]>(
    IDNOW_USER_DATA_FIELDS.map((entry) => [entry.path, entry]),
  );
  const leaves = [...fieldLeaves(at(payload, 'userdata'), 'userdata'), ...fieldLeaves(at(payload, 'contactdata'), 'contactdata')];
  return leaves
    .filter(({ field }) => field.status === 'CHANGE')
    .map(({ path, field }) => {
      const entry = known.get(path);
      return {
        field: path,
        label: entry?.label ?? path,
        personField: entry?.personField ?? null,
        from: text(field.original),
        to: text(field.value),
      };
    });
}
