import { describe, expect, it } from 'vitest';
import { COUNTRY_NAMES } from './countries.ts';
import {
  findIdDocumentWithAddress,
  ID_DOCUMENTS_WITH_ADDRESS,
  idDocumentCarriesAddress,
  proofOfAddressRequired,
} from './id-documents-with-address.ts';
import { parseSeedAddressDocumentRows, readSeedDocument } from './testing/seed-document.ts';

describe('ID documents with address', () => {
  const seedRows = parseSeedAddressDocumentRows(readSeedDocument());

  it('list every row of the seed table, in order, with the seed country name and type', () => {
    expect(seedRows).toHaveLength(31);
    expect(
      ID_DOCUMENTS_WITH_ADDRESS.map((row) => ({
        code: row.code,
        issuerCountry: row.issuerCountryName,
        type: row.kind === 'PASSPORT' ? 'Passport' : 'ID',
      })),
    ).toEqual(seedRows);
  });

  it('give each issuer its ISO alpha-2 code', () => {
    for (const row of ID_DOCUMENTS_WITH_ADDRESS) {
      const isoName = COUNTRY_NAMES[row.issuerCountry];
      // The seed says "Czech Republic" where ISO now says "Czechia".
      expect(row.issuerCountryName === 'Czech Republic' ? 'Czechia' : row.issuerCountryName).toBe(isoName);
    }
  });

  it('recognise listed documents, ignoring case and spaces', () => {
    expect(idDocumentCarriesAddress('DEU-BO-02001')).toBe(true);
    expect(idDocumentCarriesAddress(' deu-bo-01003 ')).toBe(true);
    expect(idDocumentCarriesAddress('SGP-BO-01001-A')).toBe(true);
  });

  it('read SVN-AO-02001-02003 as a range of versions', () => {
    expect(idDocumentCarriesAddress('SVN-AO-02001-02003')).toBe(true);
    expect(idDocumentCarriesAddress('SVN-AO-02002')).toBe(true);
    expect(idDocumentCarriesAddress('SVN-AO-02003')).toBe(true);
    expect(findIdDocumentWithAddress('FRA-AO-03002')?.code).toBe('FRA-AO-03001-03003');
    expect(idDocumentCarriesAddress('SVN-AO-02005')).toBe(false);
    expect(idDocumentCarriesAddress('POL-BO-02004')).toBe(false);
  });

  it('do not include documents that are not listed', () => {
    expect(idDocumentCarriesAddress('DEU-AO-01001')).toBe(false);
    expect(idDocumentCarriesAddress('SGP-BO-01001-B')).toBe(false);
    expect(idDocumentCarriesAddress('')).toBe(false);
  });

  it('require a proof of address unless the ID document carries the address', () => {
    expect(proofOfAddressRequired('DEU-BO-02001')).toBe(false);
    expect(proofOfAddressRequired('GBR-AO-01001')).toBe(true);
    expect(proofOfAddressRequired(null)).toBe(true);
  });
});
