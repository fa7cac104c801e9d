/**
 * How chart figures are rounded and written. Each rounding returns the number exactly as it is
 * shown, so the table, the labels and the CSV export carry the same figure (the CSV without the
 * unit and the thousands separators).
 */

import { formatCount as formatNumber } from '../../lib/format.ts';

const percentFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Shown where a figure has no value, such as a rate with nothing to divide by. */
export const NO_VALUE = '–';

export function formatCount(value: number | null): string {
  return value === null ? NO_VALUE : formatNumber(value);
}

/** A share 0…1 as the percent shown, one decimal (0.34567 → 34.6); null (nothing to divide by) stays null. */
export function percentOf(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

/** `34.6 %`; `–` for null. */
export function formatPercent(percent: number | null): string {
  return percent === null ? NO_VALUE : `${percentFormat.format(percent)} %`;
}

/** A signed percent for changes: `+150.0 %`, `−50.0 %`; `–` for null. */
export function formatSignedPercent(percent: number | null): string {
  if (percent === null) return NO_VALUE;
  if (percent === 0) return formatPercent(0);
  return `${percent > 0 ? '+' : '−'}${formatPercent(Math.abs(percent))}`;
}

/** A signed count: `+3`, `−2` (a real minus sign), `0`. */
export function formatSignedCount(value: number): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${formatNumber(Math.abs(value))}`;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration rounded as {@link formatDuration} shows it: whole seconds under a minute, whole
 * minutes under a day, whole hours from a day on.
 */
export function roundDurationSeconds(seconds: number): number {
  if (seconds < MINUTE) return Math.round(seconds);
  if (seconds < DAY) return Math.round(seconds / MINUTE) * MINUTE;
  return Math.round(seconds / HOUR) * HOUR;
}

/**
 * `≈ 2 h 10 min`, `≈ 45 s`, `≈ 1 d 3 h`: the server's median and p90 are estimates within a
 * few percent (histogram buckets), so they are shown rounded and marked as approximate.
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return NO_VALUE;
  const rounded = roundDurationSeconds(seconds);
  if (rounded < MINUTE) return `≈ ${rounded} s`;
  if (rounded < HOUR) return `≈ ${rounded / MINUTE} min`;
  if (rounded < DAY) {
    const hours = Math.floor(rounded / HOUR);
    const minutes = (rounded % HOUR) / MINUTE;
    return minutes === 0 ? `≈ ${hours} h` : `≈ ${hours} h ${minutes} min`;
  }
  const days = Math.floor(rounded / DAY);
  const hours = (rounded % DAY) / HOUR;
  return hours === 0 ? `≈ ${days} d` : `≈ ${days} d ${hours} h`;
}

/** A bound of a duration range, short: `45 s`, `8 min`, `1.1 h`, `17 h`, `2.8 d`. */
export function formatDurationBound(seconds: number): string {
  const [amount, unit] =
    seconds < MINUTE ? [seconds, 's'] : seconds < HOUR ? [seconds / MINUTE, 'min'] : seconds < DAY ? [seconds / HOUR, 'h'] : [seconds / DAY, 'd'];
  const shown = amount < 10 ? Math.round(amount * 10) / 10 : Math.round(amount);
  return `${formatNumber(shown)} ${unit}`;
}

const NICE_DURATION_STEPS = [
  15, 30, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY,
];

/**
 * Axis ticks for durations at round values (every 4 h, every day), from 0 to at least `maxSeconds`,
 * at most `maxTicks` of them: "1.7 d" on an axis says less than "2 d".
 */
export function durationTicks(maxSeconds: number, maxTicks = 5): number[] {
  if (!(maxSeconds > 0)) return [0];
  const step = NICE_DURATION_STEPS.find((candidate) => Math.ceil(maxSeconds / candidate) < maxTicks) ?? Math.ceil(maxSeconds / (maxTicks - 1));
  return Array.from({ length: Math.ceil(maxSeconds / step) + 1 }, (_, index) => index * step);
}

/**
 * Axis ticks for counts: whole numbers at a round step (1, 2, 5, 10, 20, 25, 50, …), from 0 to the
 * first tick at or above `max`, at most `maxTicks` of them. Recharts' own whole-number ticks stretch
 * the axis to fill five ticks (0–4 for a largest bar of 2), which makes short bars look shorter.
 */
export function countTicks(max: number, maxTicks = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const intervals = maxTicks - 1;
  let magnitude = 1;
  for (;;) {
    for (const factor of [1, 2, 2.5, 5]) {
      const step = factor * magnitude;
      if (Number.isInteger(step) && Math.ceil(max / step) <= intervals) {
        return Array.from({ length: Math.ceil(max / step) + 1 }, (_, index) => index * step);
      }
    }
    magnitude *= 10;
  }
}
