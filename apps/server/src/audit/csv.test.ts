import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from './csv.ts';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and writes dates and objects readably', () => {
    expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 3])).toBe('plain,"a,b","say ""hi""","two\nlines",,3\r\n');
    expect(csvField(new Date('2030-01-01T00:00:00.000Z'))).toBe('2030-01-01T00:00:00.000Z');
    expect(csvField({ filter: { action: 'person.viewed' } })).toBe('"{""filter"":{""action"":""person.viewed""}}"');
  });

  it('defuses values a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csvField('+49 30 123')).toBe("'+49 30 123");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
