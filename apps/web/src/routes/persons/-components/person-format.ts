const calendarDayFormat = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * `11 Dec 1992` for a calendar day (YYYY-MM-DD). Read as UTC midnight and shown in UTC, so a
 * birth date is the same day in every time zone; the month in words leaves no doubt about which
 * number is the day.
 */
export function formatCalendarDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return calendarDayFormat.format(new Date(Date.UTC(year, month - 1, date)));
}
