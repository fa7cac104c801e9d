import { describe, expect, test } from 'vitest';
import { describeAge, formatAge } from './format-age.ts';

describe('formatAge', () => {
  test('minutes below an hour, never "0 min"', () => {
    expect(formatAge(0)).toBe('1 min');
    expect(formatAge(0.25)).toBe('15 min');
  });

  test('hours up to two days, so a 25-hour review reads as overdue at a glance', () => {
    expect(formatAge(1)).toBe('1 h');
    expect(formatAge(25.9)).toBe('25 h');
    expect(formatAge(47.99)).toBe('47 h');
  });

  test('days and hours from two days on', () => {
    expect(formatAge(48)).toBe('2 d');
    expect(formatAge(76.5)).toBe('3 d 4 h');
  });

  test('a negative or missing age shows as unknown rather than a wrong number', () => {
    expect(formatAge(-1)).toBe('–');
    expect(formatAge(Number.NaN)).toBe('–');
  });
});

describe('describeAge', () => {
  test('spells out units for screen readers', () => {
    expect(describeAge(0.02)).toBe('1 minute');
    expect(describeAge(1)).toBe('1 hour');
    expect(describeAge(25)).toBe('25 hours');
    expect(describeAge(49)).toBe('2 days 1 hour');
  });
});
