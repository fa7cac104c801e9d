import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { parseCsv } from '../src/testing/parse-csv.ts';

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
