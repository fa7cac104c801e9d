import { z } from 'zod';

/**
 * A calendar date as Solaris writes it (`YYYY-MM-DD`): birth dates, `aml_confirmed_on`,
 * `proof_of_address_issued_at`. It has no time and no zone, so it stays a string; converting
 * it to a `Date` would pin it to a midnight in some zone and shift it a day elsewhere.
 */
export type CalendarDate = string;

/** Solaris is a German bank: "today" in its rules is the date in Berlin. */
export const SOLARIS_TIME_ZONE = 'Europe/Berlin';

const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  const isLeapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1] ?? 0;
}

/** The parts of a `YYYY-MM-DD` date, or null when the text is not a date that exists. */
export function parseCalendarDate(value: string): CalendarDateParts | null {
  const match = CALENDAR_DATE_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isValidCalendarDate(value: string): boolean {
  return parseCalendarDate(value) !== null;
}

export function formatCalendarDate({ year, month, day }: CalendarDateParts): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function requireCalendarDate(value: CalendarDate): CalendarDateParts {
  const parts = parseCalendarDate(value);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${value}`);
  return parts;
}

/**
 * Calendar-month arithmetic: the same day number `months` later (or earlier, when negative),
 * clamped to the last day of a shorter month (2024-08-31 minus 6 months is 2024-02-29).
 */
export function addMonthsClamped(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = requireCalendarDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatCalendarDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const { year, month, day } = requireCalendarDate(date);
  const instant = new Date(0);
  // setUTCFullYear rather than Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  instant.setUTCFullYear(year, month - 1, day + days);
  return formatCalendarDate({
    year: instant.getUTCFullYear(),
    month: instant.getUTCMonth() + 1,
    day: instant.getUTCDate(),
  });
}

/** Negative when `a` is earlier, 0 when equal, positive when later. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  // Zero-padded four-digit years make lexical order chronological.
  return a < b ? -1 : a > b ? 1 : 0;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date that a wall clock in `timeZone` shows at `instant`. */
export function calendarDateInTimeZone(instant: Date, timeZone: string): CalendarDate {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return formatCalendarDate({ year: part('year'), month: part('month'), day: part('day') });
}

/** Today's date at Solaris (Europe/Berlin) at `instant`. */
export function berlinCalendarDate(instant: Date): CalendarDate {
  return calendarDateInTimeZone(instant, SOLARIS_TIME_ZONE);
}

export const calendarDateSchema = z
  .string()
  .refine(isValidCalendarDate, { error: 'Must be a calendar date that exists, written YYYY-MM-DD (e.g. 1992-12-11)' });
