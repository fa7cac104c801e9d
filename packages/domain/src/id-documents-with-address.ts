import { z } from 'zod';
import type { CountryCode } from './countries.ts';

export const ID_DOCUMENT_KINDS = ['ID', 'PASSPORT'] as const;
export const idDocumentKindSchema = z.enum(ID_DOCUMENT_KINDS);
export type IdDocumentKind = z.infer<typeof idDocumentKindSchema>;

export interface IdDocumentWithAddress {
  /** IDnow's document code, e.g. DEU-BO-02001. */
  code: string;
  issuerCountry: CountryCode;
  /** The issuer country as the seed names it. */
  issuerCountryName: string;
  kind: IdDocumentKind;
}

/**
 * The seed's "List of passports with address": documents that print the holder's address,
 * so no proof of address is needed. Every row, in the seed's order.
 */
export const ID_DOCUMENTS_WITH_ADDRESS: readonly IdDocumentWithAddress[] = [
  { code: 'MLT-BO-02001', issuerCountry: 'MT', issuerCountryName: 'Malta', kind: 'ID' },
  { code: 'MLT-BO-03001', issuerCountry: 'MT', issuerCountryName: 'Malta', kind: 'ID' },
  { code: 'SVK-BO-02001', issuerCountry: 'SK', issuerCountryName: 'Slovakia', kind: 'ID' },
  { code: 'SVK-BO-05001', issuerCountry: 'SK', issuerCountryName: 'Slovakia', kind: 'ID' },
  { code: 'SVK-BO-04001', issuerCountry: 'SK', issuerCountryName: 'Slovakia', kind: 'ID' },
  { code: 'ITA-BO-04003', issuerCountry: 'IT', issuerCountryName: 'Italy', kind: 'ID' },
  { code: 'ITA-BO-03004', issuerCountry: 'IT', issuerCountryName: 'Italy', kind: 'ID' },
  { code: 'ITA-BO-03002', issuerCountry: 'IT', issuerCountryName: 'Italy', kind: 'ID' },
  { code: 'ITA-BO-03001', issuerCountry: 'IT', issuerCountryName: 'Italy', kind: 'ID' },
  { code: 'ITA-BO-03003', issuerCountry: 'IT', issuerCountryName: 'Italy', kind: 'ID' },
  { code: 'DEU-BO-01003', issuerCountry: 'DE', issuerCountryName: 'Germany', kind: 'ID' },
  { code: 'DEU-BO-02001', issuerCountry: 'DE', issuerCountryName: 'Germany', kind: 'ID' },
  { code: 'SGP-BO-01001-A', issuerCountry: 'SG', issuerCountryName: 'Singapore', kind: 'ID' },
  { code: 'SGP-BO-01001', issuerCountry: 'SG', issuerCountryName: 'Singapore', kind: 'ID' },
  { code: 'CZE-BO-04001', issuerCountry: 'CZ', issuerCountryName: 'Czech Republic', kind: 'ID' },
  { code: 'CZE-BO-04002', issuerCountry: 'CZ', issuerCountryName: 'Czech Republic', kind: 'ID' },
  { code: 'IND-AO-01001', issuerCountry: 'IN', issuerCountryName: 'India', kind: 'PASSPORT' },
  { code: 'CHN-AO-04003', issuerCountry: 'CN', issuerCountryName: 'China', kind: 'PASSPORT' },
  { code: 'BGR-AO-01005', issuerCountry: 'BG', issuerCountryName: 'Bulgaria', kind: 'PASSPORT' },
  { code: 'SVN-AO-02001-02003', issuerCountry: 'SI', issuerCountryName: 'Slovenia', kind: 'PASSPORT' },
  { code: 'SVN-AO-02004', issuerCountry: 'SI', issuerCountryName: 'Slovenia', kind: 'PASSPORT' },
  { code: 'SVN-BO-02001', issuerCountry: 'SI', issuerCountryName: 'Slovenia', kind: 'ID' },
  { code: 'SVN-AO-01004', issuerCountry: 'SI', issuerCountryName: 'Slovenia', kind: 'PASSPORT' },
  { code: 'POL-BO-02001-02003', issuerCountry: 'PL', issuerCountryName: 'Poland', kind: 'ID' },
  { code: 'ESP-BO-03001', issuerCountry: 'ES', issuerCountryName: 'Spain', kind: 'ID' },
  { code: 'ESP-BO-05001', issuerCountry: 'ES', issuerCountryName: 'Spain', kind: 'ID' },
  { code: 'HRV-BO-02001', issuerCountry: 'HR', issuerCountryName: 'Croatia', kind: 'ID' },
  { code: 'HRV-AO-02001', issuerCountry: 'HR', issuerCountryName: 'Croatia', kind: 'PASSPORT' },
  { code: 'FRA-BO-02002', issuerCountry: 'FR', issuerCountryName: 'France', kind: 'ID' },
  { code: 'FRA-AO-03001-03003', issuerCountry: 'FR', issuerCountryName: 'France', kind: 'PASSPORT' },
  { code: 'MAR-AO-02001', issuerCountry: 'MA', issuerCountryName: 'Morocco', kind: 'PASSPORT' },
];

// A row like SVN-AO-02001-02003 names a range of document versions (02001 to 02003).
// SGP-BO-01001-A is not a range: its suffix is a variant letter.
const VERSION_RANGE_PATTERN = /^(.+)-(\d{5})-(\d{5})$/;
const SINGLE_VERSION_PATTERN = /^(.+)-(\d{5})$/;

function rowCoversCode(rowCode: string, code: string): boolean {
  if (rowCode === code) return true;
  const range = VERSION_RANGE_PATTERN.exec(rowCode);
  const single = SINGLE_VERSION_PATTERN.exec(code);
  if (!range || !single || range[1] !== single[1]) return false;
  const version = Number(single[2]);
  return version >= Number(range[2]) && version <= Number(range[3]);
}

export function findIdDocumentWithAddress(code: string): IdDocumentWithAddress | null {
  const normalized = code.trim().toUpperCase();
  return ID_DOCUMENTS_WITH_ADDRESS.find((row) => rowCoversCode(row.code, normalized)) ?? null;
}

/** Does this IDnow document code print the holder's address? Versions inside a listed range count. */
export function idDocumentCarriesAddress(code: string): boolean {
  return findIdDocumentWithAddress(code) !== null;
}

/**
 * Must the customer bring a proof of address? Yes unless the ID document is known to carry
 * the address; an unknown document (null) needs one, since the identification would otherwise fail.
 */
export function proofOfAddressRequired(idDocumentCode: string | null): boolean {
  return idDocumentCode === null || !idDocumentCarriesAddress(idDocumentCode);
}

/** The seed's documents with address issued by `country` (e.g. DE → DEU-BO-01003, DEU-BO-02001). */
export function idDocumentsWithAddressOf(country: string | null): IdDocumentWithAddress[] {
  if (!country) return [];
  const code = country.trim().toUpperCase();
  return ID_DOCUMENTS_WITH_ADDRESS.filter((row) => row.issuerCountry === code);
}

/**
 * Does a document IDnow reports as `type` (IDCARD, PASSPORT, ...) issued by `country` print the
 * address? IDnow's payload names the kind, not the version, so a kind listed for that country counts.
 */
export function identifiedDocumentCarriesAddress(type: string | null, country: string | null): boolean | null {
  if (!type || !country) return null;
  const kind = /PASS/i.test(type) ? 'PASSPORT' : /ID/i.test(type) ? 'ID' : null;
  if (!kind) return false;
  return idDocumentsWithAddressOf(country).some((row) => row.kind === kind);
}
