import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personSearchName, mobileDigitsForSearch, normalizeEmail, searchWordsOf } from '../normalize.ts';
import { personNameWords } from '../schema/person-name-words.ts';
import { persons } from '../schema/persons.ts';
import { createIdentification, createPerson, makePerson, openTestDatabase, type TestDatabase } from '../testing.ts';
import {
  oneTypoVariants,
  PERSON_SEARCH_EXACT_COUNT_LIMIT,
  searchPersons,
  type PersonSearchParams,
  type PersonSearchResult,
} from './person-search.ts';
import { upsertDocumentMetadata } from './documents.ts';
import { refreshProofOfAddressState } from './proof-of-address-state.ts';
import { upsertPersonSnapshot } from './persons.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const day = (isoDate: string, hour = 12) => new Date(`${isoDate}T${String(hour).padStart(2, '0')}:00:00.000Z`);

function search(params: Partial<PersonSearchParams> & { query: string }): Promise<PersonSearchResult> {
  return searchPersons(handle.db, { page: 1, pageSize: 25, ...params });
}

const namesOf = (result: PersonSearchResult) => result.items.map((item) => item.name);

/** The customers of these tests; each has a distinct creation time, newest last. */
const people = {
  juergenMueller: makePerson({ firstName: 'Jürgen', lastName: 'Müller', birthDate: '1980-02-03', mobileNumber: '0171/2345678', email: 'j.mueller@web.de' }),
  annaMueller: makePerson({ firstName: 'Anna', lastName: 'Mueller-Schmidt', birthDate: '1992-12-11', email: 'Anna.MS@Example.com' }),
  gretaMuellner: makePerson({ firstName: 'Greta', lastName: 'Müllner', birthDate: '1988-04-04' }),
  klausSchmidt: makePerson({ firstName: 'Klaus', lastName: 'Schmidt', birthDate: '1992-12-11' }),
  jose: makePerson({ firstName: 'José', lastName: 'García', mobileNumber: '+34 612 345 678', birthDate: '1977-09-09' }),
  heinzMeier: makePerson({ firstName: 'Heinz', lastName: 'Meier', birthDate: '1955-07-01' }),
  heinzMeierhofer: makePerson({ firstName: 'Heinz', lastName: 'Meierhofer', birthDate: '1970-01-31' }),
  heinzMeyer: makePerson({ firstName: 'Heinz', lastName: 'Meyer', birthDate: '2001-05-05' }),
  oBrien: makePerson({ firstName: 'Zoë', lastName: "O'Brien", nationality: 'BR', birthDate: null }),
};
const firstSeen: Record<keyof typeof people, Date> = {
  juergenMueller: day('2024-01-10'),
  annaMueller: day('2024-02-10'),
  gretaMuellner: day('2024-03-10'),
  klausSchmidt: day('2024-03-10', 23),
  jose: day('2024-04-10'),
  heinzMeier: day('2024-05-10'),
  heinzMeierhofer: day('2024-06-10'),
  heinzMeyer: day('2024-07-10'),
  oBrien: day('2024-08-10'),
};
let juergensIdentification: string;

beforeAll(async () => {
  for (const [key, person] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
    await upsertPersonSnapshot(handle.db, { person, observedAt: firstSeen[key], source: 'test' });
  }
  // Imported from Solaris later than it was created there: its creation time counts.
  await upsertPersonSnapshot(handle.db, {
    person: people.jose,
    observedAt: day('2024-09-01'),
    source: 'reconciliation',
    solarisCreatedAt: day('2023-06-15'),
  });
  await createIdentification(handle.db, people.juergenMueller.id, { status: 'failed', language: 'EN', createdAt: day('2024-01-11') });
  juergensIdentification = (
    await createIdentification(handle.db, people.juergenMueller.id, { status: 'pending', language: 'DE', createdAt: day('2024-01-12') })
  ).id;
  await createIdentification(handle.db, people.annaMueller.id, { status: 'successful', language: 'EN', createdAt: day('2024-02-11') });
  await createIdentification(handle.db, people.klausSchmidt.id, { status: 'pending', language: 'EN', createdAt: day('2024-03-11') });
  await refreshProofOfAddressState(handle.db, people.oBrien.id);
});

describe('searchPersons by name', () => {
  it('finds Müller whether typed muller, mueller, Müller or MÜLLER', async () => {
    for (const query of ['muller', 'mueller', 'Müller', 'MÜLLER']) {
      const result = await search({ query });
      expect(result.queryKind).toBe('name');
      // Exact word matches first, newest first among them; then Müllner, one typo away.
      expect(namesOf(result), query).toEqual(['Anna Mueller-Schmidt', 'Jürgen Müller', 'Greta Müllner']);
    }
  });

  it('tolerates a typo: Mülller, Mueler and Schmitd', async () => {
    // Müllner is one typo away from "Mülller" too.
    expect(namesOf(await search({ query: 'Mülller' }))).toEqual(['Greta Müllner', 'Anna Mueller-Schmidt', 'Jürgen Müller']);
    expect(namesOf(await search({ query: 'Mueler' }))).toEqual(['Anna Mueller-Schmidt', 'Jürgen Müller']);
    expect(namesOf(await search({ query: 'Schmitd' }))).toEqual(['Klaus Schmidt', 'Anna Mueller-Schmidt']);
  });

  it('finds partial words: Müll finds Müllner and Müller', async () => {
    expect(namesOf(await search({ query: 'Müll' }))).toEqual(['Greta Müllner', 'Anna Mueller-Schmidt', 'Jürgen Müller']);
  });

  it('takes first and last name in either order, all words required', async () => {
    expect(namesOf(await search({ query: 'Jürgen Müller' }))).toEqual(['Jürgen Müller']);
    expect(namesOf(await search({ query: 'mueller jurgen' }))).toEqual(['Jürgen Müller']);
    expect(namesOf(await search({ query: 'schmidt anna' }))).toEqual(['Anna Mueller-Schmidt']);
    expect(namesOf(await search({ query: 'anna garcia' }))).toEqual([]);
  });

  it('ranks exact words above word starts above typos, whatever their age', async () => {
    // Meyer is the newest customer, and still comes last: it only matches with a typo.
    expect(namesOf(await search({ query: 'meier' }))).toEqual(['Heinz Meier', 'Heinz Meierhofer', 'Heinz Meyer']);
    expect(namesOf(await search({ query: 'heinz' }))).toEqual(['Heinz Meyer', 'Heinz Meierhofer', 'Heinz Meier']);
  });

  it('folds accents and apostrophes, and narrows by the first letters of a short word', async () => {
    expect(namesOf(await search({ query: 'jose garcia' }))).toEqual(['José García']);
    expect(namesOf(await search({ query: 'OBrien' }))).toEqual(["Zoë O'Brien"]);
    expect(namesOf(await search({ query: 'zoe obrien' }))).toEqual(["Zoë O'Brien"]);
    // "meierh" starts Meierhofer, and is Meier with one letter too many.
    expect(namesOf(await search({ query: 'heinz meierh' }))).toEqual(['Heinz Meierhofer', 'Heinz Meier']);
    expect(namesOf(await search({ query: 'h meier' }))).toEqual(['Heinz Meier', 'Heinz Meierhofer', 'Heinz Meyer']);
  });

  it('counts exactly what it found', async () => {
    const result = await search({ query: 'heinz' });
    expect(result).toMatchObject({ total: 3, totalIsExact: true, page: 1, pageSize: 25 });
  });

  it('finds nobody for a name nobody has, and for a single letter', async () => {
    expect(await search({ query: 'Zyxwvut' })).toMatchObject({ items: [], total: 0, totalIsExact: true, queryKind: 'name' });
    expect(await search({ query: 'm' })).toMatchObject({ items: [], total: 0, queryKind: 'name' });
  });
});

describe('searchPersons by contact data, birth date and ids', () => {
  it('finds by e-mail in any case', async () => {
    const result = await search({ query: '  anna.ms@EXAMPLE.com ' });
    expect(result.queryKind).toBe('email');
    expect(namesOf(result)).toEqual(['Anna Mueller-Schmidt']);
  });

  it('finds by mobile number in any format', async () => {
    for (const query of ['0171 2345678', '+49 171 2345678', '0049-171-2345678', '+49 (0)171 234 56 78', '01712345678']) {
      const result = await search({ query });
      expect(result.queryKind, query).toBe('phone');
      expect(namesOf(result), query).toEqual(['Jürgen Müller']);
    }
    expect(namesOf(await search({ query: '0034 612 345 678' }))).toEqual(['José García']);
  });

  it('finds by birth date typed 11.12.1992 or 1992-12-11', async () => {
    for (const query of ['11.12.1992', '1992-12-11', '11.12.92']) {
      const result = await search({ query, now: new Date('2025-06-01T00:00:00Z') });
      expect(result.queryKind, query).toBe('birth_date');
      expect(namesOf(result), query).toEqual(['Klaus Schmidt', 'Anna Mueller-Schmidt']);
    }
  });

  it('finds by person id and says it was an exact match', async () => {
    const result = await search({ query: people.jose.id.toUpperCase() });
    expect(result).toMatchObject({ queryKind: 'person_id', total: 1, match: { personId: people.jose.id } });
    expect(namesOf(result)).toEqual(['José García']);
  });

  it('finds the person of an identification id, with the identification in the match', async () => {
    const result = await search({ query: juergensIdentification });
    expect(result).toMatchObject({
      queryKind: 'identification_id',
      match: { personId: people.juergenMueller.id, identificationId: juergensIdentification },
    });
    expect(namesOf(result)).toEqual(['Jürgen Müller']);
  });

  it('finds the person of a document id, without claiming an exact match', async () => {
    const documentId = `${randomBytes(16).toString('hex')}cdoc`;
    await upsertDocumentMetadata(handle.db, {
      personId: people.annaMueller.id,
      identificationId: null,
      documents: [{ id: documentId, documentType: 'KYC_REPORT', name: 'report.pdf', contentType: 'application/pdf', size: 1024 }],
    });
    const result = await search({ query: documentId });
    expect(result).toMatchObject({ queryKind: 'document_id', total: 1, totalIsExact: true });
    expect(namesOf(result)).toEqual(['Anna Mueller-Schmidt']);
    expect(result.match).toBeUndefined();
  });

  it('answers input of the wrong kind with no result rather than an error', async () => {
    const unknownPerson = `${randomBytes(16).toString('hex')}cper`;
    expect(await search({ query: unknownPerson })).toMatchObject({ items: [], total: 0, queryKind: 'person_id' });
    expect((await search({ query: unknownPerson })).match).toBeUndefined();
    const unknownIdentification = `${randomBytes(16).toString('hex')}cidt`;
    expect(await search({ query: unknownIdentification })).toMatchObject({ items: [], total: 0, queryKind: 'identification_id' });
    expect(await search({ query: `${randomBytes(16).toString('hex')}cdoc` })).toMatchObject({ items: [], queryKind: 'document_id' });
    // 31 February does not exist; nobody's name is a number either.
    expect((await search({ query: '31.02.1992' })).items).toEqual([]);
    expect((await search({ query: 'nobody@nowhere.example' })).items).toEqual([]);
    expect((await search({ query: '%_\\' })).items).toEqual([]);
  });
});

describe('searchPersons items', () => {
  it('shows contact data, the latest identification and the proof-of-address state', async () => {
    const [item] = (await search({ query: 'jurgen muller' })).items;
    expect(item).toEqual({
      id: people.juergenMueller.id,
      name: 'Jürgen Müller',
      birthDate: '1980-02-03',
      email: 'j.mueller@web.de',
      mobileNumber: '0171/2345678',
      city: 'Berlin',
      createdAt: '2024-01-10T12:00:00.000Z',
      latestIdentification: { id: juergensIdentification, status: 'pending', language: 'DE' },
      proofOfAddressState: 'depends_on_document',
    });
    const [withoutIdentification] = (await search({ query: 'greta' })).items;
    expect(withoutIdentification?.latestIdentification).toBeNull();
  });

  it('dates a customer by their Solaris creation when known, else by first sight', async () => {
    const [jose] = (await search({ query: 'garcia' })).items;
    expect(jose?.createdAt).toBe('2023-06-15T12:00:00.000Z');
  });
});

describe('searchPersons filters', () => {
  it('filters by the status of the latest identification', async () => {
    const pending = await search({ query: '', filters: { identificationStatus: ['pending'] } });
    // Jürgen's earlier identification failed; only the latest counts.
    expect(namesOf(pending)).toEqual(['Klaus Schmidt', 'Jürgen Müller']);
    expect(namesOf(await search({ query: '', filters: { identificationStatus: ['failed'] } }))).toEqual([]);
    expect(namesOf(await search({ query: '', filters: { identificationStatus: ['pending', 'successful'] } }))).toEqual([
      'Klaus Schmidt',
      'Anna Mueller-Schmidt',
      'Jürgen Müller',
    ]);
    expect(namesOf(await search({ query: 'muller', filters: { identificationStatus: ['successful', 'pending'] } }))).toEqual([
      'Anna Mueller-Schmidt',
      'Jürgen Müller',
    ]);
  });

  it('filters by the language of the latest identification', async () => {
    expect(namesOf(await search({ query: '', filters: { language: 'EN' } }))).toEqual(['Klaus Schmidt', 'Anna Mueller-Schmidt']);
    expect(namesOf(await search({ query: 'muller', filters: { language: 'DE' } }))).toEqual(['Jürgen Müller']);
  });

  it('filters by creation date in Berlin, inclusive at both ends', async () => {
    // Klaus was first seen at 23:00 UTC on 10 March: already 11 March in Berlin.
    const march = await search({ query: '', filters: { createdFrom: '2024-03-10', createdTo: '2024-03-10' } });
    expect(namesOf(march)).toEqual(['Greta Müllner']);
    expect(namesOf(await search({ query: '', filters: { createdFrom: '2024-03-11', createdTo: '2024-03-11' } }))).toEqual(['Klaus Schmidt']);
    // José was created at Solaris in June 2023 and imported in September 2024.
    expect(namesOf(await search({ query: '', filters: { createdTo: '2023-12-31' } }))).toEqual(['José García']);
    expect(namesOf(await search({ query: '', filters: { createdFrom: '2024-08-01' } }))).toEqual(["Zoë O'Brien"]);
  });

  it('filters by proof of address outstanding; false does not filter', async () => {
    expect(namesOf(await search({ query: '', filters: { proofOfAddressOutstanding: true } }))).toEqual(["Zoë O'Brien"]);
    expect((await search({ query: '', filters: { proofOfAddressOutstanding: false } })).total).toBe(9);
  });

  it('ignores filters when an exact id is typed', async () => {
    const result = await search({ query: people.jose.id, filters: { proofOfAddressOutstanding: true } });
    expect(namesOf(result)).toEqual(['José García']);
  });
});

describe('searchPersons sorting and paging', () => {
  const everyone = (sort: PersonSearchParams['sort']) => search({ query: '', sort, pageSize: 100 }).then(namesOf);

  it('lists everyone newest first by default', async () => {
    expect(await everyone(undefined)).toEqual([
      "Zoë O'Brien",
      'Heinz Meyer',
      'Heinz Meierhofer',
      'Heinz Meier',
      'Klaus Schmidt',
      'Greta Müllner',
      'Anna Mueller-Schmidt',
      'Jürgen Müller',
      'José García',
    ]);
    expect((await everyone({ field: 'createdAt', direction: 'asc' }))[0]).toBe('José García');
  });

  it('sorts by last name, then first name', async () => {
    const byName = await everyone({ field: 'name', direction: 'asc' });
    expect(byName.slice(0, 4)).toEqual(['José García', 'Heinz Meier', 'Heinz Meierhofer', 'Heinz Meyer']);
    expect(await everyone({ field: 'name', direction: 'desc' })).toEqual([...byName].reverse());
    const heinz = await search({ query: 'heinz', sort: { field: 'name', direction: 'desc' } });
    expect(namesOf(heinz)).toEqual(['Heinz Meyer', 'Heinz Meierhofer', 'Heinz Meier']);
  });

  it('sorts by birth date, unknown birth dates last', async () => {
    const result = await search({ query: 'heinz', sort: { field: 'birthDate', direction: 'asc' } });
    expect(result.items.map((item) => item.birthDate)).toEqual(['1955-07-01', '1970-01-31', '2001-05-05']);
    const descending = await search({ query: 'heinz', sort: { field: 'birthDate', direction: 'desc' } });
    expect(descending.items.map((item) => item.birthDate)).toEqual(['2001-05-05', '1970-01-31', '1955-07-01']);
    // Zoë's birth date is not known: last either way.
    expect((await everyone({ field: 'birthDate', direction: 'asc' })).at(-1)).toBe("Zoë O'Brien");
    expect((await everyone({ field: 'birthDate', direction: 'desc' })).at(-1)).toBe("Zoë O'Brien");
  });

  it('pages with an exact total, in relevance order across tiers', async () => {
    const first = await search({ query: 'muller', pageSize: 2, page: 1 });
    expect(first).toMatchObject({ total: 3, totalIsExact: true, page: 1, pageSize: 2 });
    expect(namesOf(first)).toEqual(['Anna Mueller-Schmidt', 'Jürgen Müller']);
    const second = await search({ query: 'muller', pageSize: 2, page: 2 });
    expect(second).toMatchObject({ total: 3, totalIsExact: true, page: 2 });
    expect(namesOf(second)).toEqual(['Greta Müllner']);
    const beyond = await search({ query: 'muller', pageSize: 2, page: 3 });
    expect(beyond).toMatchObject({ items: [], total: 3, totalIsExact: true });
  });

  it('pages through everyone with a stable order', async () => {
    const pages = [];
    for (const page of [1, 2, 3, 4, 5]) pages.push(...namesOf(await search({ query: '', page, pageSize: 2 })));
    expect(pages).toEqual(await everyone(undefined));
    expect(await search({ query: '', page: 2, pageSize: 2 })).toMatchObject({ total: 9, totalIsExact: true });
    expect(await search({ query: '', page: 6, pageSize: 2 })).toMatchObject({ items: [], total: 9, totalIsExact: true });
  });
});

describe('searchPersons on many matches', () => {
  const CROWD = 2_100;
  const importedNewest = new Date('2025-01-01T00:00:00.000Z');
  const importedOldest = new Date('2020-01-01T00:00:00.000Z');
  let crowd: TestDatabase;
  beforeAll(async () => {
    crowd = await openTestDatabase();
    // Bulk rows with the search columns upsertPersonSnapshot would give them: the volume is the
    // point here, enough for the newest-first walk to be chosen over sorting every match.
    const rows = Array.from({ length: CROWD }, (_, i) => {
      const person = makePerson({ firstName: i % 4 === 0 ? 'Anna' : 'Maria', lastName: 'Schneider' });
      const searchName = personSearchName(person.firstName, person.lastName);
      return {
        ...person,
        searchName,
        searchWords: searchWordsOf(searchName),
        mobileDigits: mobileDigitsForSearch(person.mobileNumber),
        emailNormalized: normalizeEmail(person.email),
        latestIdentificationId: i % 3 === 2 ? null : `${randomBytes(16).toString('hex')}cidt`,
        latestIdentificationStatus: i % 3 === 0 ? ('pending' as const) : i % 3 === 1 ? ('created' as const) : null,
        // One in seventy speaks English: few enough that the name index, which holds the language, finds them.
        latestIdentificationLanguage: i % 3 === 2 ? null : i % 70 === 0 ? 'EN' : 'DE',
        firstSeenAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
        lastSyncedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
      };
    });
    for (let start = 0; start < rows.length; start += 1000) await crowd.db.insert(persons).values(rows.slice(start, start + 1000));
    await crowd.db.insert(personNameWords).values(['anna', 'maria', 'schneider'].map((word) => ({ word })));
    // Two imported from Solaris, dated by their Solaris creation: the newest and the oldest of all.
    for (const [firstName, createdAt] of [
      ['Greta', importedNewest],
      ['Hedwig', importedOldest],
    ] as const) {
      await upsertPersonSnapshot(crowd.db, {
        person: makePerson({ firstName, lastName: 'Schneider' }),
        observedAt: new Date('2023-01-01T00:00:00.000Z'),
        source: 'reconciliation',
        solarisCreatedAt: createdAt,
      });
    }
    await crowd.pool.query('analyze persons');
  });
  afterAll(() => crowd.close());

  it('estimates a total above the exact-count limit and says so', async () => {
    const result = await searchPersons(crowd.db, { query: 'schneider', page: 1, pageSize: 25 });
    expect(result.items).toHaveLength(25);
    expect(result.totalIsExact).toBe(false);
    expect(result.total).toBeGreaterThan(PERSON_SEARCH_EXACT_COUNT_LIMIT);
    const minute = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    // Newest first across both kinds of creation time: Greta's Solaris creation is the newest.
    expect(result.items.map((item) => item.createdAt)).toEqual([
      importedNewest.toISOString(),
      ...Array.from({ length: 24 }, (_, i) => minute(CROWD - 1 - i)),
    ]);
    expect(result.items[0]?.name).toBe('Greta Schneider');
    const oldestFirst = await searchPersons(crowd.db, { query: 'schneider', sort: { field: 'createdAt', direction: 'asc' }, page: 1, pageSize: 10 });
    expect(oldestFirst.items.map((item) => item.createdAt)).toEqual([importedOldest.toISOString(), ...Array.from({ length: 9 }, (_, i) => minute(i))]);
    const secondPage = await searchPersons(crowd.db, { query: 'schneider', sort: { field: 'createdAt', direction: 'asc' }, page: 2, pageSize: 10 });
    expect(secondPage.items.map((item) => item.createdAt)).toEqual(Array.from({ length: 10 }, (_, i) => minute(9 + i)));
  });

  it('counts exactly below the limit', async () => {
    const result = await searchPersons(crowd.db, { query: 'anna schneider', page: 3, pageSize: 100 });
    expect(result).toMatchObject({ total: CROWD / 4, totalIsExact: true });
    expect(result.items).toHaveLength(100);
    expect(result.items.every((item) => item.name === 'Anna Schneider')).toBe(true);
  });

  it('walks the newest customers per status when filtering by several statuses', async () => {
    const result = await searchPersons(crowd.db, {
      query: 'schneider',
      filters: { identificationStatus: ['pending', 'created'] },
      page: 1,
      pageSize: 10,
    });
    const expected = Array.from({ length: CROWD }, (_, i) => CROWD - 1 - i)
      .filter((i) => i % 3 !== 2)
      .slice(0, 10)
      .map((i) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString());
    expect(result.items.map((item) => item.createdAt)).toEqual(expected);
    expect(result.items.map((item) => item.latestIdentification?.status)).toEqual(
      expected.map((_, index) => (index % 2 === 0 ? 'created' : 'pending')),
    );
  });

  it('counts a common name narrowed by status exactly: the name index holds the status, so only those namesakes are read', async () => {
    const result = await searchPersons(crowd.db, { query: 'schneider', filters: { identificationStatus: ['pending'] }, page: 1, pageSize: 10 });
    expect(result.items).toHaveLength(10);
    expect(result).toMatchObject({ total: CROWD / 3, totalIsExact: true });
  });

  it('finds the few English speakers among a common name newest first, with an exact total', async () => {
    const english = Array.from({ length: CROWD }, (_, i) => CROWD - 1 - i).filter((i) => i % 3 !== 2 && i % 70 === 0);
    const minute = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    const result = await searchPersons(crowd.db, { query: 'schneider', filters: { language: 'EN' }, page: 1, pageSize: 10 });
    expect(result.items.map((item) => item.createdAt)).toEqual(english.slice(0, 10).map(minute));
    expect(result.items.every((item) => item.latestIdentification?.language === 'EN')).toBe(true);
    expect(result).toMatchObject({ total: english.length, totalIsExact: true });
    const lastPage = await searchPersons(crowd.db, { query: 'schneider', filters: { language: 'EN' }, page: 2, pageSize: 10 });
    expect(lastPage.items.map((item) => item.createdAt)).toEqual(english.slice(10, 20).map(minute));
  });

  it('estimates rather than counts when only the created range narrows a common name: counting would read every namesake', async () => {
    const result = await searchPersons(crowd.db, {
      query: 'schneider',
      filters: { createdFrom: '2024-01-01', createdTo: '2024-01-01' },
      page: 1,
      pageSize: 10,
    });
    expect(result.items).toHaveLength(10);
    expect(result.totalIsExact).toBe(false);
    expect(result.total).toBeGreaterThanOrEqual(10);
  });
});

describe('search columns kept by upsertPersonSnapshot', () => {
  it('follows a change of name, and the new words join the dictionary', async () => {
    const person = await createPerson(handle.db, { firstName: 'Lea', lastName: 'Quendt' }, day('2024-10-01'));
    expect(namesOf(await search({ query: 'quendt' }))).toEqual(['Lea Quendt']);
    await upsertPersonSnapshot(handle.db, {
      person: { ...person, lastName: 'Quästenberg' },
      observedAt: day('2024-10-02'),
      source: 'webhook',
    });
    expect(namesOf(await search({ query: 'quendt' }))).toEqual([]);
    expect(namesOf(await search({ query: 'Quastenberg lea' }))).toEqual(['Lea Quästenberg']);
    const [word] = await handle.db.select().from(personNameWords).where(eq(personNameWords.word, 'quastenberg'));
    expect(word).toEqual({ word: 'quastenberg' });
  });
});

describe('oneTypoVariants', () => {
  it('covers a missing, an extra, a wrong and two swapped letters', () => {
    const variants = new Set(oneTypoVariants('schmidt'));
    expect(variants.has('schmitd')).toBe(true);
    expect(variants.has('schmid')).toBe(true);
    expect(variants.has('schmiddt')).toBe(true);
    expect(variants.has('schmidz')).toBe(true);
    expect(variants.has('schmidt')).toBe(false);
    expect(variants.has('shcmitd')).toBe(false);
  });
});
