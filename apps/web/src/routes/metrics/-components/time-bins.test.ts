import { describe, expect, it } from 'vitest';
import { timeToIdentifyBins } from './time-bins.ts';

/** The server's bucket bounds: round(60 · 2^(k/4)) seconds (packages/db metrics-buckets.ts, the contract). */
const bound = (k: number) => Math.round(60 * 2 ** (k / 4));
const bucket = (k: number, identifications: number) => ({ bucket: k, fromSeconds: k === 0 ? 0 : bound(k - 1), toSeconds: bound(k), identifications });

describe('time to identify bins', () => {
  it('adds whole buckets up by doubling, so every count stays exact', () => {
    // Buckets 5–8 are 2–4 minutes; 9 is the first of 4–8 minutes.
    const bins = timeToIdentifyBins([bucket(5, 2), bucket(7, 3), bucket(9, 4)]);
    expect(bins).toEqual([
      { key: '2', label: '2–4 min', fromSeconds: 120, toSeconds: 240, identifications: 5 },
      { key: '3', label: '4–8 min', fromSeconds: 240, toSeconds: 480, identifications: 4 },
    ]);
  });

  it('shows the empty doublings between the shortest and the longest, so the shape is not squeezed', () => {
    const bins = timeToIdentifyBins([bucket(0, 1), bucket(16, 2)]);
    expect(bins.map((bin) => [bin.label, bin.identifications])).toEqual([
      ['Under 1 min', 1],
      ['1–2 min', 0],
      ['2–4 min', 0],
      ['4–8 min', 0],
      ['8–16 min', 2],
    ]);
    expect(bins.reduce((sum, bin) => sum + bin.identifications, 0)).toBe(3);
  });

  it('keeps the open last bucket apart, labelled as open-ended', () => {
    const bins = timeToIdentifyBins([bucket(24, 1), { bucket: 69, fromSeconds: bound(68), toSeconds: null, identifications: 2 }]);
    expect(bins).toEqual([
      { key: '6', label: '32 min – 1.1 h', fromSeconds: 1_920, toSeconds: 3_840, identifications: 1 },
      { key: 'open', label: '91 d or more', fromSeconds: 7_864_320, toSeconds: null, identifications: 2 },
    ]);
  });

  it('has nothing to show for nothing identified', () => {
    expect(timeToIdentifyBins([])).toEqual([]);
  });
});
