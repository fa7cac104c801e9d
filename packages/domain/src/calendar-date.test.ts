import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  berlinCalendarDate,
  calendarDateSchema,
  compareCalendarDates,
  daysInMonth,
  isValidCalendarDate,
  parseCalendarDate,
} from './calendar-date.ts';

describe('calendar dates', () => {
  it('knows leap years, including the century rules', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('accepts dates that exist and refuses ones that do not', () => {
    expect(isValidCalendarDate('2024-02-29')).toBe(true);
    expect(isValidCalendarDate('2023-02-29')).toBe(false);
    expect(isValidCalendarDate('2019-02-30')).toBe(false);
    expect(isValidCalendarDate('2019-13-01')).toBe(false);
    expect(isValidCalendarDate('2019-1-01')).toBe(false);
    expect(isValidCalendarDate('2019-01-01T00:00:00Z')).toBe(false);
    expect(parseCalendarDate('1992-12-11')).toEqual({ year: 1992, month: 12, day: 11 });
  });

  it('adds calendar months and clamps to the end of a shorter month', () => {
    expect(addMonthsClamped('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonthsClamped('2025-08-31', -6)).toBe('2025-02-28');
    expect(addMonthsClamped('2024-03-15', -6)).toBe('2023-09-15');
    expect(addMonthsClamped('2024-10-31', 4)).toBe('2025-02-28');
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('orders dates chronologically', () => {
    expect(compareCalendarDates('2024-01-02', '2024-01-10')).toBeLessThan(0);
    expect(compareCalendarDates('2024-01-10', '2024-01-10')).toBe(0);
    expect(compareCalendarDates('2025-01-01', '2024-12-31')).toBeGreaterThan(0);
  });

  it('reads today in Berlin, which runs ahead of UTC around midnight', () => {
    expect(berlinCalendarDate(new Date('2025-01-10T22:59:59Z'))).toBe('2025-01-10');
    expect(berlinCalendarDate(new Date('2025-01-10T23:00:00Z'))).toBe('2025-01-11');
    // Summer time: UTC+2
    expect(berlinCalendarDate(new Date('2025-07-10T21:59:59Z'))).toBe('2025-07-10');
    expect(berlinCalendarDate(new Date('2025-07-10T22:00:00Z'))).toBe('2025-07-11');
  });

  it('schema explains the expected format when a date is impossible', () => {
    const result = calendarDateSchema.safeParse('2019-02-30');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/YYYY-MM-DD/);
  });
});
