import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Test-only support, internal to this package (`@identdesk/domain/testing` exports the seed's
// examples, not this reader): the seed document is the contract, so catalogue tests parse it
// instead of trusting a copy. It lives in `shared/` beside the repository, both here and in CI
// clones, so the path is resolved from the workspace root.

const SEED_FILE_NAME = 'solaris-video-identification.txt';

function findWorkspaceRoot(startDirectory: string): string {
  let directory = startDirectory;
  for (;;) {
    if (existsSync(join(directory, 'pnpm-workspace.yaml'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) {
      throw new Error(`No pnpm-workspace.yaml found above ${startDirectory}: cannot locate the repository root`);
    }
    directory = parent;
  }
}

export function seedDocumentPath(): string {
  const root = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));
  return resolve(root, '..', 'shared', 'seed', SEED_FILE_NAME);
}

/** Reads the seed; a missing seed is an error, never a reason to skip the contract tests. */
export function readSeedDocument(path: string = seedDocumentPath()): string {
  if (!existsSync(path)) {
    throw new Error(
      `The seed document is missing at ${path}. The catalogue tests compare against it; check out shared/ beside the repository.`,
    );
  }
  return readFileSync(path, 'utf8');
}

function linesBetween(text: string, startMarker: string, endMarker: string | null): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith(startMarker));
  if (start === -1) throw new Error(`Seed document has no line starting with "${startMarker}"`);
  const rest = lines.slice(start + 1);
  const end = endMarker === null ? rest.length : rest.findIndex((line) => line.startsWith(endMarker));
  if (end === -1) throw new Error(`Seed document has no line starting with "${endMarker}" after "${startMarker}"`);
  return rest.slice(0, end).filter((line) => line.trim() !== '' && !/^-+\|/.test(line));
}

function cells(line: string): string[] {
  const parts = line.split('|').map((part) => part.trim());
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export interface SeedFailureCodeRow {
  category: string;
  code: string;
  description: string;
  permanent: string;
  causedByUser: string;
}

/**
 * The seed's failure-code table names the category only on the first row of each group
 * (5 cells); the following rows have 4 cells and inherit it.
 */
export function parseSeedFailureCodeRows(text: string): SeedFailureCodeRow[] {
  const rows: SeedFailureCodeRow[] = [];
  let category = '';
  for (const line of linesBetween(text, 'Category | Failure reason |', 'Identification documents')) {
    const parts = cells(line);
    if (parts.length === 5) category = parts.shift() ?? '';
    const [code, description, permanent, causedByUser] = parts;
    if (parts.length !== 4 || code === undefined || description === undefined || permanent === undefined || causedByUser === undefined) {
      throw new Error(`Unexpected failure-code row in the seed: ${line}`);
    }
    rows.push({ category, code, description, permanent, causedByUser });
  }
  return rows;
}

export interface SeedTwoColumnRow {
  name: string;
  description: string;
}

/** Appendix tables whose cells are split over two lines: `ENUM |` then `Description |`. */
function parseTwoLineRows(lines: string[]): SeedTwoColumnRow[] {
  const rows: SeedTwoColumnRow[] = [];
  for (let index = 0; index < lines.length; index += 2) {
    const name = cells(lines[index] ?? '')[0];
    const description = cells(lines[index + 1] ?? '')[0];
    if (name === undefined || description === undefined) throw new Error(`Unexpected two-line row near line ${index}`);
    rows.push({ name, description });
  }
  return rows;
}

export function parseSeedDocumentTypeRows(text: string): SeedTwoColumnRow[] {
  return parseTwoLineRows(linesBetween(text, 'Enum | Description |', 'Idnow status'));
}

export function parseSeedTestPrefixRows(text: string): SeedTwoColumnRow[] {
  return parseTwoLineRows(linesBetween(text, 'Prefix | Description |', 'The available test scenarios'));
}

export function parseSeedTestCaseRows(text: string): SeedTwoColumnRow[] {
  return parseTwoLineRows(linesBetween(text, 'Test Case | Description |', 'Happy path test tutorial'));
}

export function parseSeedIdentificationStatusRows(text: string): SeedTwoColumnRow[] {
  return parseTwoLineRows(linesBetween(text, 'Status | Description |', 'IDnow provides a reason'));
}

export interface SeedAddressDocumentRow {
  code: string;
  issuerCountry: string;
  type: string;
}

export function parseSeedAddressDocumentRows(text: string): SeedAddressDocumentRow[] {
  return linesBetween(text, 'Document | Issuer Country |', null).map((line) => {
    const [code, issuerCountry, type] = cells(line);
    if (code === undefined || issuerCountry === undefined || type === undefined) {
      throw new Error(`Unexpected address-document row in the seed: ${line}`);
    }
    return { code, issuerCountry, type };
  });
}

/**
 * Every JSON example in the seed, parsed. An example starts on a line that is just `{` or `[`
 * and ends at the first line after which the collected text parses.
 */
export function extractSeedJsonExamples(text: string): unknown[] {
  const lines = text.split(/\r?\n/);
  const examples: unknown[] = [];
  for (let start = 0; start < lines.length; start += 1) {
    const opening = lines[start]?.trim();
    if (opening !== '{' && opening !== '[') continue;
    for (let end = start + 1; end < lines.length; end += 1) {
      const closing = lines[end]?.trim() ?? '';
      if (!closing.startsWith('}') && !closing.startsWith(']')) continue;
      try {
        examples.push(JSON.parse(lines.slice(start, end + 1).join('\n')));
        start = end;
        break;
      } catch {
        // not complete yet: keep extending
      }
    }
  }
  return examples;
}

/** The top-level fields and `(nested, fields)` of the seed's PATCH Update person allow-list. */
export function parseSeedPersonUpdatableFields(text: string): { field: string; nested: string[] }[] {
  const lines = linesBetween(text, 'resource. You can only update the following properties', 'attention');
  const joined = lines.join(' ');
  const fields: { field: string; nested: string[] }[] = [];
  for (const match of joined.matchAll(/\(([^)]*)\)|([a-z][a-z0-9_]*)/g)) {
    const [, parenthesised, word] = match;
    if (word !== undefined) {
      fields.push({ field: word, nested: [] });
      continue;
    }
    const compact = (parenthesised ?? '').replace(/\s+/g, '');
    const last = fields[fields.length - 1];
    // "(line_1, line_2, …)" lists parts; prose such as "(only with today or tomorrow's date)" does not.
    if (last && /^[a-z0-9_]+(,[a-z0-9_]+)*$/.test(compact)) last.nested = compact.split(',');
  }
  return fields;
}
