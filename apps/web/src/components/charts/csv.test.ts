import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, csvRow, toCsv } from './csv.ts';

describe('csv', () => {
  it('writes numbers as numbers, negative ones included, so a spreadsheet can add them up', () => {
    expect(csvField(1234)).toBe('1234');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(34.6)).toBe('34.6');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('leaves a missing figure empty', () => {
    expect(csvRow(['a', null, undefined, 0])).toBe('a,,,0\r\n');
  });

  it('quotes text with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('Data mismatch, address')).toBe('"Data mismatch, address"');
    expect(csvField('the "photo"')).toBe('"the ""photo"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+49 151')).toBe("'+49 151");
    expect(csvField('-rf')).toBe("'-rf");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('ends every line, the header too, with CRLF', () => {
    expect(toCsv(['Step', 'Persons'], [['Persons created', 12], ['Successful', 3]])).toBe(
      'Step,Persons\r\nPersons created,12\r\nSuccessful,3\r\n',
    );
  });

  it('names files after the chart and its days, in letters, digits and dashes only', () => {
    expect(csvFileName('Failure reasons', '2026-03-01', 'to', '2026-03-30')).toBe('identdesk-failure-reasons-2026-03-01-to-2026-03-30.csv');
    expect(csvFileName('Team work per', 'Woche', 'Müller & Söhne')).toBe('identdesk-team-work-per-woche-muller-sohne.csv');
  });
});
