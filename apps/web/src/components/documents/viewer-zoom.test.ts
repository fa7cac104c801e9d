import { describe, expect, test } from 'vitest';
import { effectiveScale, formatZoom, rotateClockwise, rotatedSize, VIEWPORT_PADDING, zoomInFrom, zoomOutFrom } from './viewer-zoom.ts';

const A4 = { width: 794, height: 1123 };

describe('viewer zoom', () => {
  test('fit width fills the viewport width inside its padding', () => {
    const viewport = { width: 1000 + 2 * VIEWPORT_PADDING, height: 600 };
    expect(effectiveScale({ fit: 'width' }, { width: 500, height: 700 }, viewport)).toBeCloseTo(2);
  });

  test('fit page shows the whole page: the tighter of width and height wins', () => {
    const viewport = { width: 1200 + 2 * VIEWPORT_PADDING, height: 561.5 + 2 * VIEWPORT_PADDING };
    expect(effectiveScale({ fit: 'page' }, A4, viewport)).toBeCloseTo(0.5);
  });

  test('a chosen zoom is kept whatever the viewport', () => {
    expect(effectiveScale({ fit: null, scale: 1.5 }, A4, { width: 10, height: 10 })).toBe(1.5);
  });

  test('a collapsed viewport never yields a zero or negative scale', () => {
    expect(effectiveScale({ fit: 'width' }, A4, { width: 0, height: 0 })).toBeGreaterThan(0);
  });

  test('+ and − step through the zoom steps from a fitted scale too', () => {
    expect(zoomInFrom(1)).toBe(1.1);
    expect(zoomInFrom(0.93)).toBe(1);
    expect(zoomOutFrom(0.93)).toBe(0.9);
    expect(zoomOutFrom(0.25)).toBe(0.25);
    expect(zoomInFrom(4)).toBe(4);
  });

  test('rotation turns a quarter at a time and swaps width and height sideways', () => {
    expect([0, 90, 180, 270].map((rotation) => rotateClockwise(rotation as 0 | 90 | 180 | 270))).toEqual([90, 180, 270, 0]);
    expect(rotatedSize(A4, 90)).toEqual({ width: 1123, height: 794 });
    expect(rotatedSize(A4, 180)).toEqual(A4);
  });

  test('the toolbar shows the zoom as a whole percentage', () => {
    expect(formatZoom(1.25)).toBe('125 %');
    expect(formatZoom(0.333)).toBe('33 %');
  });
});
