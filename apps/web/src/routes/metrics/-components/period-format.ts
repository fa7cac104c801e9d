import { addDays, type CalendarDate } from '@identdesk/domain';
import type { Granularity } from './metrics-search.ts';

// Calendar days are written as UTC midnights, so no time zone moves them to the day before.
const utc = (day: CalendarDate) => new Date(`${day}T00:00:00Z`);
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const fullDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `3 Mar 2026`. */
export function formatDay(day: CalendarDate): string {
  return fullDay.format(utc(day));
}

const dayOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: 'UTC' });

/**
 * `1–30 Mar 2026`, `28 Feb – 6 Mar 2026`, `28 Dec 2025 – 3 Jan 2026`, `3 Mar 2026` for one day.
 * Written out rather than with `formatRange`, whose spacing differs between browsers and Node.
 */
export function formatDayRange(from: CalendarDate, to: CalendarDate): string {
  if (from === to) return formatDay(from);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${dayOnly.format(utc(from))}–${formatDay(to)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${dayMonth.format(utc(from))} – ${formatDay(to)}`;
  return `${formatDay(from)} – ${formatDay(to)}`;
}

/** A period's tick on an axis: `3 Mar` for a day or a week (its Monday), `Mar 2026` for a month. */
export function formatPeriodTick(period: CalendarDate, granularity: Granularity): string {
  return granularity === 'month' ? monthYear.format(utc(period)) : dayMonth.format(utc(period));
}

/**
 * A period in words, for tooltips, table rows and the drill-down title: the days of it inside the
 * range (`3 Mar 2026`, `2–8 Mar 2026`), a whole month by its name (`Mar 2026`).
 */
export function formatPeriod(period: { period: CalendarDate; from: CalendarDate; to: CalendarDate }, granularity: Granularity): string {
  if (granularity === 'month' && period.from === period.period && addDays(period.to, 1).endsWith('-01')) {
    return monthYear.format(utc(period.period));
  }
  return formatDayRange(period.from, period.to);
}
