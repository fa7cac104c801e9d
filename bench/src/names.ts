/**
 * Name material for the benchmark dataset: the customers of a German bank partner. Surnames
 * and first names come with weights so the dataset has what makes search hard in practice: a
 * few very common names (one customer in seventy is a Müller), umlauts and their transliterated
 * spellings, names from across Europe, and a long tail of rare names.
 */

export interface WeightedName {
  /** As Solaris stores it. */
  display: string;
  weight: number;
}

/**
 * The most frequent German surnames with their approximate counts in thousands (German phone
 * books), and frequent names of Turkish, Polish, Italian, Greek, Balkan, Vietnamese and other
 * origin at plausible counts. Together they cover about a fifth of the dataset.
 */
export const COMMON_LAST_NAMES: readonly WeightedName[] = (
  [
    ['Müller', 256], ['Schmidt', 190], ['Schneider', 115], ['Fischer', 98], ['Weber', 85], ['Meyer', 84],
    ['Wagner', 80], ['Becker', 75], ['Schulz', 74], ['Hoffmann', 73], ['Schäfer', 60], ['Koch', 57],
    ['Bauer', 57], ['Richter', 56], ['Klein', 55], ['Wolf', 52], ['Schröder', 50], ['Neumann', 50],
    ['Schwarz', 48], ['Zimmermann', 47], ['Braun', 45], ['Krüger', 45], ['Hofmann', 44], ['Hartmann', 44],
    ['Lange', 43], ['Schmitt', 43], ['Werner', 42], ['Schmitz', 42], ['Krause', 41], ['Meier', 41],
    ['Lehmann', 40], ['Schmid', 39], ['Schulze', 38], ['Maier', 38], ['Köhler', 37], ['Herrmann', 36],
    ['König', 36], ['Walter', 35], ['Mayer', 34], ['Huber', 34], ['Kaiser', 33], ['Fuchs', 33],
    ['Peters', 32], ['Lang', 32], ['Scholz', 31], ['Möller', 31], ['Weiß', 31], ['Jung', 30],
    ['Hahn', 30], ['Schubert', 29], ['Vogel', 29], ['Friedrich', 29], ['Keller', 28], ['Günther', 28],
    ['Frank', 28], ['Berger', 27], ['Winkler', 27], ['Roth', 27], ['Beck', 26], ['Lorenz', 26],
    ['Baumann', 26], ['Franke', 25], ['Albrecht', 25], ['Schuster', 25], ['Simon', 24], ['Ludwig', 24],
    ['Böhm', 24], ['Winter', 24], ['Kraus', 24], ['Martin', 23], ['Schumacher', 23], ['Krämer', 23],
    ['Vogt', 23], ['Stein', 22], ['Jäger', 22], ['Otto', 22], ['Sommer', 22], ['Groß', 22],
    ['Seidel', 21], ['Heinrich', 21], ['Brandt', 21], ['Haas', 21], ['Schreiber', 21], ['Graf', 20],
    ['Schulte', 20], ['Dietrich', 20], ['Ziegler', 20], ['Kuhn', 20], ['Kühn', 19], ['Pohl', 19],
    ['Engel', 19], ['Horn', 19], ['Busch', 19], ['Bergmann', 19], ['Thomas', 18], ['Voigt', 18],
    ['Sauer', 18], ['Arnold', 18], ['Wolff', 18], ['Pfeiffer', 18], ['Mueller', 16], ['Schaefer', 8],
    ['Yılmaz', 30], ['Kaya', 22], ['Demir', 21], ['Şahin', 18], ['Çelik', 17], ['Yıldız', 16],
    ['Öztürk', 15], ['Aydın', 14], ['Özdemir', 14], ['Arslan', 12], ['Doğan', 12], ['Kılıç', 10],
    ['Nowak', 18], ['Kowalski', 16], ['Wiśniewski', 12], ['Wójcik', 10], ['Kowalczyk', 10], ['Kamiński', 9],
    ['Lewandowski', 9], ['Zieliński', 8], ['Szymański', 8], ['Woźniak', 8], ['Dąbrowski', 7],
    ['Rossi', 12], ['Russo', 10], ['Ferrari', 9], ['Esposito', 9], ['Bianchi', 8], ['Romano', 8],
    ['Colombo', 7], ['Ricci', 7], ['Marino', 6], ['Greco', 6],
    ['Papadopoulos', 8], ['Georgiou', 5], ['Nikolaidis', 4],
    ['Nguyễn', 14], ['Trần', 8], ['Lê', 6], ['Phạm', 5],
    ['Hodžić', 5], ['Kovačević', 6], ['Petrović', 7], ['Jovanović', 6], ['Horvat', 6], ['Novák', 6],
    ['Dvořák', 4], ['García', 8], ['Fernández', 6], ['Martínez', 6], ['López', 6], ['Silva', 8],
    ['Santos', 7], ['Ferreira', 5], ['Dubois', 5], ['Lefèvre', 4], ['Jansen', 8], ['de Vries', 5],
    ['Van den Berg', 4], ['Andersson', 4], ['Nielsen', 4], ['Hansen', 9], ['Johansson', 3], ['O\'Brien', 3],
    ['Smith', 5], ['Ivanov', 6], ['Popescu', 6], ['Nagy', 6], ['Kovács', 5], ['Tóth', 4],
  ] as const
).map(([display, weight]) => ({ display, weight }));

/** Frequent first names of customers aged 18 to 85, German and European, with relative weights. */
export const COMMON_FIRST_NAMES: readonly WeightedName[] = (
  [
    ['Maria', 60], ['Anna', 55], ['Thomas', 52], ['Michael', 52], ['Andreas', 48], ['Stefan', 44],
    ['Christian', 42], ['Sabine', 38], ['Ursula', 30], ['Peter', 38], ['Klaus', 30], ['Wolfgang', 30],
    ['Jürgen', 32], ['Frank', 30], ['Daniel', 34], ['Markus', 30], ['Sebastian', 30], ['Alexander', 34],
    ['Tobias', 24], ['Julia', 34], ['Laura', 28], ['Lisa', 28], ['Sarah', 26], ['Katharina', 26],
    ['Monika', 26], ['Petra', 26], ['Claudia', 24], ['Susanne', 24], ['Andrea', 26], ['Nicole', 22],
    ['Stephanie', 18], ['Christina', 18], ['Melanie', 18], ['Birgit', 16], ['Karin', 20], ['Renate', 18],
    ['Helga', 16], ['Gisela', 14], ['Ingrid', 14], ['Brigitte', 16], ['Elisabeth', 16], ['Hans', 24],
    ['Günter', 16], ['Dieter', 18], ['Manfred', 16], ['Uwe', 18], ['Jörg', 16], ['Ralf', 16],
    ['Matthias', 26], ['Martin', 26], ['Florian', 22], ['Jan', 24], ['Lukas', 22], ['Jonas', 20],
    ['Leon', 16], ['Felix', 18], ['Maximilian', 20], ['Paul', 18], ['Niklas', 16], ['Tim', 16],
    ['Philipp', 18], ['David', 20], ['Simon', 14], ['Fabian', 14], ['Dennis', 14], ['Marco', 14],
    ['Kevin', 12], ['Patrick', 14], ['René', 10], ['Björn', 10], ['Sören', 8], ['Jens', 14],
    ['Sven', 14], ['Dirk', 14], ['Holger', 12], ['Oliver', 16], ['Torsten', 12], ['Lena', 18],
    ['Hannah', 18], ['Leonie', 14], ['Lea', 14], ['Sophie', 16], ['Emma', 14], ['Mia', 12],
    ['Johanna', 14], ['Marie', 22], ['Charlotte', 10], ['Clara', 10], ['Jana', 14], ['Nina', 14],
    ['Franziska', 14], ['Carina', 8], ['Jessica', 12], ['Vanessa', 10], ['Jennifer', 14], ['Kerstin', 12],
    ['Anja', 14], ['Tanja', 12], ['Silke', 10], ['Heike', 14], ['Doris', 10], ['Bärbel', 8],
    ['Käthe', 4], ['Gülay', 4], ['Zoë', 6], ['Chloé', 4], ['Anaïs', 3], ['Mehmet', 16], ['Mustafa', 12],
    ['Ahmet', 10], ['Ali', 12], ['Fatma', 10], ['Ayşe', 10], ['Emine', 8], ['Hüseyin', 8], ['Özlem', 6],
    ['Łukasz', 8], ['Piotr', 8], ['Krzysztof', 6], ['Agnieszka', 6], ['Małgorzata', 5], ['Katarzyna', 6],
    ['Giuseppe', 6], ['Francesco', 5], ['Giulia', 5], ['Alessandro', 5], ['José', 8], ['María José', 3],
    ['João', 5], ['Ana', 8], ['Jean-Luc', 3], ['François', 4], ['Anne-Marie', 4], ['Hans-Peter', 6],
    ['Karl-Heinz', 8], ['Nikolaos', 4], ['Dimitrios', 4], ['Thi Hoa', 3], ['Văn Minh', 3], ['Ivana', 5],
    ['Milan', 5], ['Dragan', 4], ['Søren', 2], ['Ørjan', 1], ['Olga', 6], ['Svetlana', 5], ['Dmitri', 4],
    ['Elif', 6], ['Emre', 6], ['Can', 5], ['Noah', 8], ['Elias', 8], ['Mila', 4], ['Ida', 4],
  ] as const
).map(([display, weight]) => ({ display, weight }));

/** Rarer given names that fill the tail of first names. */
const RARE_FIRST_NAME_PARTS = {
  starts: ['Adal', 'Bern', 'Con', 'Det', 'Ebe', 'Fri', 'Gis', 'Her', 'Ir', 'Jo', 'Kor', 'Leo', 'Mag', 'Not', 'Ot', 'Rein', 'Sieg', 'Tha', 'Ul', 'Wal', 'Wil', 'Ger', 'Ro', 'Ans', 'Ed', 'Hil', 'Ma', 'Ru', 'Vin', 'Mir'],
  ends: ['bert', 'hard', 'mund', 'wald', 'fried', 'helm', 'traud', 'gunde', 'linde', 'mar', 'rich', 'wig', 'ina', 'ella', 'ian', 'ius', 'ette', 'olf', 'ald', 'run', 'lind', 'heid', 'o', 'a', 'is', 'ko', 'jana', 'ela'],
};

/**
 * Pieces of which the rare surnames are built: German compound surnames (Lindenberger,
 * Kirchhofer, Grünwalder), Slavic, Italian, Dutch and Turkish patterns, some with umlauts or
 * other diacritics. Together with the common names they give well over a hundred thousand
 * distinct surnames, most of them held by a handful of customers.
 */
const SURNAME_STEMS = [
  'Alt', 'Bach', 'Berg', 'Birken', 'Blum', 'Brenn', 'Busch', 'Dorn', 'Eich', 'Eisen', 'Feld', 'Fink', 'Frei',
  'Gold', 'Grün', 'Hage', 'Hain', 'Hasel', 'Heil', 'Hoch', 'Holz', 'Kirch', 'Klee', 'Kling', 'Kohl', 'Kreuz',
  'Lauten', 'Linden', 'Loh', 'Mahl', 'Moos', 'Neu', 'Ober', 'Pfaff', 'Rosen', 'Sand', 'Schön', 'Stein', 'Sturm',
  'Tann', 'Thal', 'Unter', 'Wald', 'Wasser', 'Weiden', 'Wein', 'Wies', 'Winkel', 'Zell', 'Äpfel', 'Öhl',
  'Büchel', 'Dürr', 'Fähr', 'Gräf', 'Höll', 'Kör', 'Löw', 'Mühl', 'Rück', 'Süß', 'Wöll', 'Zöll', 'Ahorn',
  'Brück', 'Dach', 'Eck', 'Fels', 'Gries', 'Hirsch', 'Horn', 'Hub', 'Kalten', 'Katz', 'Lerch', 'Mark',
  'Nuss', 'Ost', 'Rain', 'Ried', 'Roggen', 'Salz', 'Schwarz', 'Sieben', 'Spitz', 'Stock', 'Strass', 'Tauben',
  'Teich', 'Vogel', 'Wart', 'West', 'Wolfs', 'Zieg',
] as const;
const SURNAME_SUFFIXES = [
  'bach', 'berger', 'brunner', 'dorfer', 'egger', 'felder', 'hauser', 'hofer', 'huber', 'inger', 'mann', 'meier',
  'müller', 'reiter', 'rieder', 'schmid', 'stätter', 'thaler', 'wald', 'weiler', 'bauer', 'beck', 'born', 'brink',
  'burg', 'hagen', 'hammer', 'heimer', 'kamp', 'kötter', 'lechner', 'mair', 'maier', 'moser', 'ner', 'richter',
  'rath', 'schläger', 'stein', 'wieser', 'winkel', 'zeller', 'gruber', 'bichler', 'schneider', 'wirth', 'lein',
  'ling', 'horst', 'kemper',
] as const;
const SYLLABLE_ONSETS = ['b', 'br', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'kr', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'st', 'sz', 't', 'tr', 'v', 'w', 'z', 'c', 'l', 'm', 'n', 'r', 'ł', 'š'] as const;
// Mostly plain vowels; an umlaut or accent in roughly one syllable in eight.
const SYLLABLE_VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'a', 'e', 'o', 'u', 'a', 'e', 'i', 'o', 'y', 'a', 'e', 'ä', 'ö', 'ü', 'é'] as const;
const FOREIGN_ENDINGS = ['ski', 'wicz', 'czyk', 'ak', 'ek', 'ić', 'ović', 'enko', 'escu', 'elli', 'etti', 'ini', 'ino', 'oglu', 'çi', 'er', 'inga', 'stra', 'sen', 'son', 'ides', 'opoulos', 'ez', 'eiro', 'ault', 'ier'] as const;

/** A small deterministic generator, so every machine builds the same dataset. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function capitalize(word: string): string {
  return word.charAt(0).toLocaleUpperCase('de') + word.slice(1);
}

/**
 * `count` distinct rare surnames, each with a Zipf-like weight (the hundredth rarest is ten
 * times as frequent as the thousandth), none equal to a common one.
 */
export function rareLastNames(count: number, seed = 7): WeightedName[] {
  const random = seededRandom(seed);
  const taken = new Set(COMMON_LAST_NAMES.map((name) => name.display));
  const names: WeightedName[] = [];
  let attempts = 0;
  while (names.length < count && attempts < count * 20) {
    attempts++;
    const shape = random();
    let display: string;
    if (shape < 0.35) {
      display = `${pick(random, SURNAME_STEMS)}${pick(random, SURNAME_SUFFIXES)}`;
    } else if (shape < 0.8) {
      const syllables = 2 + Math.floor(random() * 2);
      let word = '';
      for (let i = 0; i < syllables; i++) word += pick(random, SYLLABLE_ONSETS) + pick(random, SYLLABLE_VOWELS);
      display = capitalize(word + pick(random, FOREIGN_ENDINGS));
    } else if (shape < 0.95) {
      const stem = pick(random, SURNAME_STEMS);
      let word = stem.toLowerCase() + pick(random, SYLLABLE_VOWELS);
      word += pick(random, SYLLABLE_ONSETS) + pick(random, SURNAME_SUFFIXES);
      display = capitalize(word);
    } else {
      // Double-barrelled names: two words to find, in either order.
      display = `${capitalize(pick(random, SYLLABLE_ONSETS) + pick(random, SYLLABLE_VOWELS) + pick(random, FOREIGN_ENDINGS))}-${pick(random, SURNAME_STEMS)}${pick(random, SURNAME_SUFFIXES)}`;
    }
    if (taken.has(display)) continue;
    taken.add(display);
    names.push({ display, weight: 1 / Math.sqrt(names.length + 10) });
  }
  return names;
}

/** `count` distinct rarer first names, weighted like the surname tail. */
export function rareFirstNames(count: number, seed = 11): WeightedName[] {
  const random = seededRandom(seed);
  const taken = new Set(COMMON_FIRST_NAMES.map((name) => name.display));
  const names: WeightedName[] = [];
  let attempts = 0;
  while (names.length < count && attempts < count * 50) {
    attempts++;
    const display = `${pick(random, RARE_FIRST_NAME_PARTS.starts)}${pick(random, RARE_FIRST_NAME_PARTS.ends)}`;
    if (taken.has(display)) continue;
    taken.add(display);
    names.push({ display, weight: 1 / Math.sqrt(names.length + 5) });
  }
  return names;
}

/** German cities by size, for addresses. */
export const CITIES: readonly WeightedName[] = (
  [
    ['Berlin', 37], ['Hamburg', 19], ['München', 15], ['Köln', 11], ['Frankfurt am Main', 8], ['Stuttgart', 6],
    ['Düsseldorf', 6], ['Leipzig', 6], ['Dortmund', 6], ['Essen', 6], ['Bremen', 6], ['Dresden', 6],
    ['Hannover', 5], ['Nürnberg', 5], ['Duisburg', 5], ['Bochum', 4], ['Wuppertal', 4], ['Bielefeld', 3],
    ['Bonn', 3], ['Münster', 3], ['Mannheim', 3], ['Karlsruhe', 3], ['Augsburg', 3], ['Wiesbaden', 3],
    ['Mönchengladbach', 3], ['Gelsenkirchen', 3], ['Aachen', 2], ['Braunschweig', 2], ['Kiel', 2], ['Chemnitz', 2],
    ['Halle (Saale)', 2], ['Magdeburg', 2], ['Freiburg im Breisgau', 2], ['Krefeld', 2], ['Mainz', 2], ['Lübeck', 2],
    ['Erfurt', 2], ['Oberhausen', 2], ['Rostock', 2], ['Kassel', 2], ['Hagen', 2], ['Potsdam', 2],
    ['Saarbrücken', 2], ['Hamm', 2], ['Ludwigshafen am Rhein', 2], ['Oldenburg', 2], ['Osnabrück', 2], ['Leverkusen', 2],
    ['Heidelberg', 2], ['Darmstadt', 2], ['Würzburg', 1], ['Göttingen', 1], ['Regensburg', 1], ['Ulm', 1],
    ['Wolfsburg', 1], ['Ingolstadt', 1], ['Jena', 1], ['Görlitz', 1], ['Bad Tölz', 1], ['Garmisch-Partenkirchen', 1],
  ] as const
).map(([display, weight]) => ({ display, weight }));

/** German mobile network prefixes (without the trunk 0). */
export const MOBILE_PREFIXES = ['151', '152', '155', '157', '159', '160', '162', '163', '170', '171', '172', '173', '174', '175', '176', '177', '178', '179'] as const;

export const EMAIL_DOMAINS: readonly WeightedName[] = (
  [
    ['gmail.com', 30], ['web.de', 20], ['gmx.de', 20], ['t-online.de', 10], ['outlook.com', 6], ['yahoo.de', 4],
    ['posteo.de', 2], ['icloud.com', 4], ['freenet.de', 2], ['mailbox.org', 1], ['hotmail.com', 3],
  ] as const
).map(([display, weight]) => ({ display, weight }));
