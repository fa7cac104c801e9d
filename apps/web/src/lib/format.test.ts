import { describe, expect, test } from 'vitest';
import { formatCount, formatRelative } from './format.ts';

describe('formatCount', () => {
  test('groups thousands with commas', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  test('says "now" for the current second', () => {
    expect(formatRelative('2026-11-25T12:00:00Z', now)).toBe('now');
  });

  test('counts minutes, hours and days into the past', () => {
    expect(formatRelative('2026-11-25T11:57:00Z', now)).toBe('3 minutes ago');
    expect(formatRelative('2026-11-25T07:00:00Z', now)).toBe('5 hours ago');
    expect(formatRelative('2026-11-24T12:00:00Z', now)).toBe('yesterday');
  });
});
