import type { Random } from '../core/random.ts';

/**
 * Names, places and numbers for demo customers. They look like a German bank partner's real
 * customers (umlauts, ß, names from other countries and scripts' Latin spellings, hyphenated and
 * apostrophised names), so search, masking and diffs can be tried on realistic data.
 */
const FIRST_NAMES = [
  'Jürgen', 'Jörg', 'Björn', 'Sören', 'Günther', 'Käthe', 'Jana', 'Lena', 'Lukas', 'Leon', 'Finn',
  'Mia', 'Emma', 'Hannah', 'Sophie', 'Marie', 'Anna', 'Felix', 'Jonas', 'Paul', 'Maximilian',
  'Elias', 'Noah', 'Ben', 'Luisa', 'Clara', 'Greta', 'Ida', 'Frieda', 'Mathilda', 'Moritz',
  'Stefan', 'Thomas', 'Michael', 'Andreas', 'Sabine', 'Petra', 'Monika', 'Ursula', 'Renate',
  'Łukasz', 'Małgorzata', 'Zoë', 'Chloé', 'Hélène', 'José', 'María José', 'João', 'Ayşe', 'Emre',
  'Mehmet', 'Elif', 'Giulia', 'Matteo', 'Seán', 'Siobhán', 'Aoife', 'Nguyễn Văn', 'Ana-Maria',
  'Jean-Luc', 'Anne-Kathrin', 'Karl-Heinz', 'Hans-Peter', 'Øystein', 'Åsa', 'Dorothée', 'Olga',
  'Dmitri', 'Yusuf', 'Fatma', 'Aleksandra', 'Katarzyna', 'Mateusz', 'Tomáš', 'Zsófia', 'Ioana',
] as const;

const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz',
  'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann',
  'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner',
  'Krause', 'Meier', 'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann', 'König',
  'Walter', 'Mayer', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß',
  'Jung', 'Hahn', 'Vogel', 'Friedrich', 'Günther', 'Groß', 'Roth', 'Sommer', 'Straße', 'Mueller',
  'Kowalski', 'Wiśniewski', 'Wójcik', "O'Brien", "D'Angelo", 'García', 'Fernández', 'Rossi',
  'Bianchi', 'Yılmaz', 'Öztürk', 'Şahin', 'Nguyen', 'Dupont', 'Lefèvre', 'Van der Berg',
  'von Bülow', 'Schmidt-Rüdiger', 'Meyer-Lübke', 'Ivanova', 'Novák', 'Nagy', 'Popescu', 'Jensen',
] as const;

const PLACES = [
  { city: 'Berlin', postalCode: '10115', streets: ['Invalidenstraße', 'Chausseestraße', 'Amrumer Straße'] },
  { city: 'Berlin', postalCode: '10999', streets: ['Oranienstraße', 'Adalbertstraße', 'Wiener Straße'] },
  { city: 'Hamburg', postalCode: '20095', streets: ['Mönckebergstraße', 'Spitalerstraße'] },
  { city: 'München', postalCode: '80331', streets: ['Sendlinger Straße', 'Rosenstraße', 'Tal'] },
  { city: 'Köln', postalCode: '50667', streets: ['Hohe Straße', 'Schildergasse'] },
  { city: 'Frankfurt am Main', postalCode: '60311', streets: ['Zeil', 'Töngesgasse', 'Fahrgasse'] },
  { city: 'Stuttgart', postalCode: '70173', streets: ['Königstraße', 'Calwer Straße'] },
  { city: 'Düsseldorf', postalCode: '40213', streets: ['Bolkerstraße', 'Flinger Straße'] },
  { city: 'Leipzig', postalCode: '04109', streets: ['Grimmaische Straße', 'Petersstraße'] },
  { city: 'Dresden', postalCode: '01067', streets: ['Wilsdruffer Straße', 'Schloßstraße'] },
  { city: 'Hannover', postalCode: '30159', streets: ['Georgstraße', 'Bahnhofstraße'] },
  { city: 'Nürnberg', postalCode: '90402', streets: ['Karolinenstraße', 'Königstraße'] },
  { city: 'Bremen', postalCode: '28195', streets: ['Obernstraße', 'Sögestraße'] },
  { city: 'Münster', postalCode: '48143', streets: ['Prinzipalmarkt', 'Ludgeristraße'] },
  { city: 'Freiburg im Breisgau', postalCode: '79098', streets: ['Kaiser-Joseph-Straße', 'Salzstraße'] },
] as const;

const BIRTH_CITIES = ['Berlin', 'Hamburg', 'München', 'Köln', 'Wrocław', 'İstanbul', 'Kraków', 'Milano', 'Lyon', 'Porto', 'Dublin', 'Graz'] as const;

/** Nationalities with weights: most customers are German, many come from elsewhere in Europe. */
const NATIONALITIES: readonly (readonly [string, number])[] = [
  ['DE', 70], ['PL', 5], ['IT', 4], ['TR', 4], ['FR', 3], ['ES', 3], ['AT', 2], ['RO', 2], ['GR', 2],
  ['PT', 1], ['IE', 1], ['HR', 1], ['NL', 1], ['VN', 1],
];

function weighted(random: Random, options: readonly (readonly [string, number])[]): string {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options[0]?.[0] ?? 'DE';
}

function asciiLocalPart(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .replaceAll('ł', 'l')
    .replaceAll('ø', 'o')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

export interface DemoPersonBody {
  salutation: 'MR' | 'MS';
  first_name: string;
  last_name: string;
  email: string;
  mobile_number: string;
  birth_date: string;
  birth_city: string;
  nationality: string;
  address: { line_1: string; line_2: string; postal_code: string; city: string; country: 'DE' };
  terms_conditions_signed_at: string;
  data_terms_signed_at: string;
}

/** A person as the partner's sign-up flow would send it to `POST /v1/persons` at `at`. */
export function demoPersonBody(random: Random, serial: number, at: Date): DemoPersonBody {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const place = random.pick(PLACES);
  const year = random.int(1950, 2006);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const consentAt = new Date(at.getTime() - random.int(1, 300) * 1000).toISOString();
  // Mobile prefixes of German networks; the serial keeps numbers unique.
  const mobile = `+49${random.pick(['151', '160', '170', '171', '175', '176', '179'])}${String(1_000_000 + serial).slice(-7)}${random.int(0, 9)}`;
  return {
    salutation: random.chance(0.5) ? 'MR' : 'MS',
    first_name: firstName,
    last_name: lastName,
    email: `${asciiLocalPart(firstName)}.${asciiLocalPart(lastName)}${serial}@example.com`,
    mobile_number: mobile,
    birth_date: `${year}-${month}-${day}`,
    birth_city: random.pick(BIRTH_CITIES),
    nationality: weighted(random, NATIONALITIES),
    address: {
      line_1: random.pick(place.streets),
      line_2: String(random.int(1, 140)),
      postal_code: place.postalCode,
      city: place.city,
      country: 'DE',
    },
    terms_conditions_signed_at: consentAt,
    data_terms_signed_at: consentAt,
  };
}
