import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPE_DETAILS, DOCUMENT_TYPES, documentTypeSchema } from './document-types.ts';
import { parseSeedDocumentTypeRows, readSeedDocument } from './testing/seed-document.ts';

describe('document types', () => {
  const seedRows = parseSeedDocumentTypeRows(readSeedDocument());

  it("are all 24 of the seed's Appendix I, in order", () => {
    expect(seedRows).toHaveLength(24);
    expect([...DOCUMENT_TYPES]).toEqual(seedRows.map((row) => row.name));
  });

  it.each(seedRows)("carry the seed's description and a label for $name", (row) => {
    const details = DOCUMENT_TYPE_DETAILS[documentTypeSchema.parse(row.name)];
    expect(details.description).toBe(row.description);
    expect(details.label.length).toBeGreaterThan(0);
    expect(details.label.length).toBeLessThanOrEqual(32);
  });

  it('schema refuses a type outside the appendix', () => {
    expect(documentTypeSchema.safeParse('PASSPORT').success).toBe(false);
  });
});
