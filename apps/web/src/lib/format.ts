const countFormat = new Intl.NumberFormat('en-GB');

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** `1 request`, `1,234 requests`: a count with its noun. */
export function formatCountOf(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** `25 Nov 2026, 21:04:05`, in the agent's own time zone. */
export function formatDateTime(value: Date | string): string {
  return dateTimeFormat.format(typeof value === 'string' ? new Date(value) : value);
}

export function formatTime(value: Date | number): string {
  return timeFormat.format(value);
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** `3 minutes ago`, `yesterday`; `now` lets tests and long-lived pages pass their own clock. */
export function formatRelative(value: Date | string, now: Date = new Date()): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  let amount = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) {
      return relativeFormat.format(Math.round(amount), unit);
    }
    amount /= size;
  }
  return relativeFormat.format(Math.round(amount), 'year');
}
