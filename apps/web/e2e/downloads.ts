import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';

/** RFC 4180 fields per CRLF line, as Identdesk's exports write them. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < csv.length; index += 1) {
    const char = csv[index] ?? '';
    if (quoted) {
      if (char === '"' && csv[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && csv[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  return rows;
}

/**
 * Clicks what downloads a CSV, as a person would, and reads the file the browser saved (through
 * Playwright's download, so it is the browser's file, not a second request). The file name comes
 * with the rows, for tests about it.
 */
export async function downloadCsv(trigger: Locator): Promise<{ fileName: string; rows: string[][] }> {
  const [download] = await Promise.all([trigger.page().waitForEvent('download'), trigger.click()]);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-csv-'));
  const file = path.join(folder, download.suggestedFilename());
  await download.saveAs(file);
  const rows = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  fs.rmSync(folder, { recursive: true, force: true });
  return { fileName: download.suggestedFilename(), rows };
}
