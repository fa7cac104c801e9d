import { countryName, isCountryCode } from '@identdesk/domain';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { formatCalendarDay } from './person-format.ts';

/** A missing value, said in words and quieter (never an empty cell). */
export function Missing({ children = 'Not given' }: { children?: ReactNode }) {
  return <span className="text-zinc-500">{children}</span>;
}

/** `NOT_SCREENED` → `Not screened`: Solaris enums as words, the code in the tooltip. */
export function EnumValue({ value }: { value: string | null }) {
  if (!value) return <Missing />;
  const words = value.toLowerCase().replaceAll('_', ' ');
  return <span title={value}>{words.charAt(0).toUpperCase() + words.slice(1)}</span>;
}

export function CountryValue({ code }: { code: string | null }) {
  if (!code) return <Missing />;
  return (
    <span>
      {isCountryCode(code) ? countryName(code) : code} <span className="text-xs text-zinc-500">{code}</span>
    </span>
  );
}

export function DayValue({ day }: { day: string | null }) {
  if (!day) return <Missing />;
  return (
    <time dateTime={day} className="tabular">
      {formatCalendarDay(day)}
    </time>
  );
}

export function InstantValue({ at, missing = 'Not given' }: { at: string | null; missing?: string }) {
  if (!at) return <Missing>{missing}</Missing>;
  return (
    <time dateTime={at} className="tabular">
      {formatDateTime(at)}
    </time>
  );
}

export function YesNo({ value }: { value: boolean | null }) {
  if (value === null) return <Missing />;
  return <span>{value ? 'Yes' : 'No'}</span>;
}

export interface PostalAddressValue {
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
}

/** An address as it is written on a letter in Germany: street and number, then postcode and city. */
export function AddressValue({ address, missing = 'Not given' }: { address: PostalAddressValue | null; missing?: string }) {
  if (!address || Object.values(address).every((part) => !part)) return <Missing>{missing}</Missing>;
  const street = [address.line1, address.line2].filter(Boolean).join(' ');
  const place = [address.postalCode, address.city].filter(Boolean).join(' ');
  return (
    <address className="not-italic">
      {street ? <span className="block">{street}</span> : null}
      {place ? <span className="block">{place}</span> : null}
      {address.state ? <span className="block">{address.state}</span> : null}
      {address.country ? (
        <span className="block">
          <CountryValue code={address.country} />
        </span>
      ) : null}
    </address>
  );
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A value in the change history as the rest of the page shows it: days and times formatted,
 * country codes named, yes/no, lists joined; null when the field was empty.
 */
export function changeValueText(value: unknown, field = ''): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length ? value.map((item) => changeValueText(item) ?? '–').join(', ') : null;
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (ISO_DAY.test(text)) return formatCalendarDay(text);
  if (ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return formatDateTime(text);
  if (/country|nationality/i.test(field) && isCountryCode(text)) return `${countryName(text)} (${text})`;
  return text;
}
