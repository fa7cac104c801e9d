/**
 * CSV as spreadsheets read it (RFC 4180, CRLF line ends), written in the browser from the figures a
 * chart shows, so an export never disagrees with the screen. Same rules as the server's audit
 * export (apps/server/src/audit/csv.ts), with one difference: numbers are written as they are, so
 * a negative change stays a number ("-3") instead of being quoted as a would-be formula.
 */

/** One field. Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return [header, ...rows].map(csvRow).join('');
}

/**
 * A file name that says what and which days: `identdesk-failure-reasons-2026-03-01-to-2026-03-30.csv`.
 * Only letters, digits and dashes, so it is the same on every system.
 */
export function csvFileName(...parts: readonly string[]): string {
  const slug = parts
    .map((part) =>
      part
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
  return `identdesk-${slug}.csv`;
}

/**
 * Hands the text to the browser as a download. A byte-order mark first: without it Excel reads
 * UTF-8 as Latin-1 and "Gesamtübersicht" arrives garbled.
 */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob asynchronously after the click; a minute is ample, and then the
  // memory is given back even if the page stays open all day.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
