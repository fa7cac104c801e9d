import { describe, expect, it } from 'vitest';
import { countTicks, durationTicks, formatDuration, formatDurationBound, formatPercent, formatSignedCount, formatSignedPercent, percentOf, roundDurationSeconds } from './figures.ts';

describe('chart figures', () => {
  it('rounds a rate to the percent shown, one decimal, and keeps "nothing to divide by" apart from zero', () => {
    expect(percentOf(0.34567)).toBe(34.6);
    expect(percentOf(1)).toBe(100);
    expect(percentOf(0)).toBe(0);
    expect(percentOf(null)).toBeNull();
    expect(formatPercent(34.6)).toBe('34.6 %');
    expect(formatPercent(100)).toBe('100.0 %');
    expect(formatPercent(null)).toBe('–');
  });

  it('writes changes with their sign and a real minus', () => {
    expect(formatSignedPercent(150)).toBe('+150.0 %');
    expect(formatSignedPercent(-50)).toBe('−50.0 %');
    expect(formatSignedPercent(null)).toBe('–');
    expect(formatSignedCount(3)).toBe('+3');
    expect(formatSignedCount(-1200)).toBe('−1,200');
    expect(formatSignedCount(0)).toBe('0');
  });

  it('rounds durations to what is shown: seconds, then minutes, then hours', () => {
    expect(roundDurationSeconds(44.6)).toBe(45);
    expect(roundDurationSeconds(7_790)).toBe(7_800);
    expect(roundDurationSeconds(97_000)).toBe(97_200);
    expect(formatDuration(44.6)).toBe('≈ 45 s');
    expect(formatDuration(59.6)).toBe('≈ 1 min');
    expect(formatDuration(7_790)).toBe('≈ 2 h 10 min');
    expect(formatDuration(7_200)).toBe('≈ 2 h');
    expect(formatDuration(97_000)).toBe('≈ 1 d 3 h');
    expect(formatDuration(86_399)).toBe('≈ 1 d');
    expect(formatDuration(null)).toBe('–');
  });

  it('writes bounds of a duration range short', () => {
    expect(formatDurationBound(60)).toBe('1 min');
    expect(formatDurationBound(3_840)).toBe('1.1 h');
    expect(formatDurationBound(61_440)).toBe('17 h');
    expect(formatDurationBound(245_760)).toBe('2.8 d');
  });

  it('puts duration axis ticks at round values that cover the largest figure', () => {
    expect(durationTicks(6 * 86_400)).toEqual([0, 2, 4, 6].map((days) => days * 86_400));
    expect(durationTicks(50 * 60)).toEqual([0, 15, 30, 45, 60].map((minutes) => minutes * 60));
    expect(durationTicks(40)).toEqual([0, 15, 30, 45]);
    expect(durationTicks(0)).toEqual([0]);
  });

  it('puts count axis ticks at whole, round steps that end at or just above the largest bar', () => {
    expect(countTicks(2)).toEqual([0, 1, 2]);
    expect(countTicks(6)).toEqual([0, 2, 4, 6]);
    expect(countTicks(173)).toEqual([0, 50, 100, 150, 200]);
    expect(countTicks(395)).toEqual([0, 100, 200, 300, 400]);
    expect(countTicks(9)).toEqual([0, 5, 10]);
    expect(countTicks(0)).toEqual([0, 1]);
  });
});
