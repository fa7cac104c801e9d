import { countryName } from '@identdesk/domain';
import { FileQuestionMark } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { supportedDocumentTypeLabel } from './identification-format.ts';
import type { IdentificationView } from './identification-view.ts';

const regionNames = new Intl.DisplayNames(['en-GB'], { type: 'region', fallback: 'none' });

/** "Netherlands", "South Korea": everyday names, rather than ISO's "Netherlands, Kingdom of the". */
function everydayCountryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? countryName(code);
  } catch {
    return countryName(code);
  }
}

/** Does the typed text name this country, by its everyday or its ISO name? */
function countryMatches(code: string, query: string): boolean {
  return everydayCountryName(code).toLowerCase().includes(query) || countryName(code).toLowerCase().includes(query);
}

interface DocumentGroup {
  types: string[];
  countries: { code: string; name: string }[];
}

/** Countries grouped by the documents they may use, so eighty countries read as two or three lines. */
function groupByTypes(rows: NonNullable<IdentificationView['supportedDocuments']>): DocumentGroup[] {
  const groups = new Map<string, DocumentGroup>();
  for (const row of rows) {
    const types = [...row.types].sort();
    const key = types.join('+');
    const group = groups.get(key) ?? { types, countries: [] };
    group.countries.push({ code: row.country, name: everydayCountryName(row.country) });
    groups.set(key, group);
  }
  for (const group of groups.values()) group.countries.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return [...groups.values()].sort((a, b) => b.types.length - a.types.length || b.countries.length - a.countries.length);
}

/**
 * Which ID documents IDnow accepts for this identification, per issuing country, with a field to
 * answer "does my Turkish passport work?" at once.
 */
export function SupportedDocuments({ supported }: { supported: IdentificationView['supportedDocuments'] }) {
  const [country, setCountry] = useState('');
  const inputId = useId();
  const groups = useMemo(() => (supported ? groupByTypes(supported) : []), [supported]);

  if (supported === null) {
    return (
      <EmptyState icon={FileQuestionMark} title="Not known yet">
        Solaris has not told Identdesk which documents this identification accepts. Passports and national ID cards are
        the usual ones; the list appears here once Solaris gives it.
      </EmptyState>
    );
  }
  if (supported.length === 0) {
    return (
      <EmptyState icon={FileQuestionMark} title="No documents listed">
        Solaris lists no accepted documents for this identification. Ask the team lead before sending the customer to a call.
      </EmptyState>
    );
  }

  const query = country.trim().toLowerCase();
  // Two letters that are a listed country's code mean that country ("US", not Australia).
  const byCode = supported.filter((row) => row.country.toLowerCase() === query);
  const matches = query === '' ? [] : byCode.length > 0 ? byCode : supported.filter((row) => countryMatches(row.country, query));

  return (
    <div className="space-y-3 p-4">
      <div>
        <label htmlFor={inputId} className="mb-1 block text-xs font-medium text-zinc-600">
          Check a country
        </label>
        <input
          id={inputId}
          type="search"
          value={country}
          onChange={(event) => setCountry(event.target.value)}
          placeholder="e.g. Turkey or TR"
          autoComplete="off"
          className="h-8 w-full rounded-md border border-zinc-300 bg-white px-2.5 text-sm shadow-xs placeholder:text-zinc-400"
        />
        <p role="status" className="mt-1 text-xs text-zinc-700">
          {query === ''
            ? ''
            : matches.length === 0
              ? `No document issued in “${country.trim()}” is accepted: the customer needs another KYC method.`
              : matches
                  .map((row) => `${everydayCountryName(row.country)}: ${row.types.map(supportedDocumentTypeLabel).join(' or ')}`)
                  .join('; ')}
        </p>
      </div>
      {groups.map((group) => (
        <div key={group.types.join('+')}>
          <h3 className="text-xs font-medium text-zinc-600">
            {group.types.map(supportedDocumentTypeLabel).join(' or ')}{' '}
            <span className="font-normal text-zinc-500">({group.countries.length} countries)</span>
          </h3>
          <ul className="mt-0.5 flex flex-wrap gap-x-1 text-xs leading-relaxed text-zinc-800">
            {group.countries.map((entry, index) => (
              <li key={entry.code}>
                {entry.name}
                {index < group.countries.length - 1 ? <span aria-hidden="true"> ·</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
