import { describe, expect, it } from 'vitest';
import { formatCalendarDay } from './person-format.ts';

describe('formatCalendarDay', () => {
  it('shows a birth date as the same day whatever the time zone', () => {
    expect(formatCalendarDay('1992-12-11')).toBe('11 Dec 1992');
    expect(formatCalendarDay('2000-01-01')).toBe('01 Jan 2000');
  });

  it('leaves a value that is not a calendar day as it came', () => {
    expect(formatCalendarDay('unknown')).toBe('unknown');
  });
});
