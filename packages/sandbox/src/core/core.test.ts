import { describe, expect, it } from 'vitest';
import { textPdf } from '../files/pdf.ts';
import { idDocumentPng, signaturePng } from '../files/png.ts';
import { pdfIsValid, pngIsValid } from '../testing/files.ts';
import { createClock, DAY, HOUR } from './clock.ts';
import { isId, newId, newReference } from './ids.ts';
import { createTokenIssuer } from './token.ts';

describe('the sandbox clock', () => {
  it('runs timeScale times faster than the wall clock', () => {
    let real = 1_000_000;
    const clock = createClock({ timeScale: 3600, realNow: () => real });
    const start = clock.nowMs();
    real += 24_000;
    expect(clock.nowMs() - start).toBe(24 * HOUR);
    expect(clock.realDurationOf(24 * HOUR)).toBe(24_000);
  });

  it('moves forward on advance, anywhere on set, and keeps an offset to restore', () => {
    let real = 5_000;
    const clock = createClock({ realNow: () => real });
    clock.advance(DAY);
    expect(clock.nowMs()).toBe(5_000 + DAY);
    expect(clock.offsetMs()).toBe(DAY);
    clock.set(new Date(0));
    expect(clock.nowMs()).toBe(0);
    real += 10;
    expect(clock.nowMs()).toBe(10);
    expect(() => clock.advance(-1)).toThrow();
    const restored = createClock({ realNow: () => real, initialOffsetMs: clock.offsetMs() });
    expect(restored.nowMs()).toBe(clock.nowMs());
    expect(() => createClock({ timeScale: 0 })).toThrow();
  });
});

describe('ids and references', () => {
  it('look like the seed: 32 hex + suffix, TST-XXXXX', () => {
    expect(newId('person')).toMatch(/^[0-9a-f]{32}cper$/);
    expect(newId('identification')).toMatch(/^[0-9a-f]{32}cidt$/);
    expect(newId('document')).toMatch(/^[0-9a-f]{32}cdoc$/);
    expect(isId('person', newId('person'))).toBe(true);
    expect(isId('person', newId('document'))).toBe(false);
    expect(newReference()).toMatch(/^TST-[A-Z]{5}$/);
  });
});

describe('access tokens', () => {
  it('verify until they expire and only under the same secret', () => {
    const issuer = createTokenIssuer('secret');
    const { token, expiresIn } = issuer.issue('client', 0);
    expect(expiresIn).toBe(3599);
    expect(issuer.verify(token, 3_599_000)).toEqual({ clientId: 'client' });
    expect(issuer.verify(token, 3_601_000)).toBeNull();
    expect(createTokenIssuer('other').verify(token, 0)).toBeNull();
    expect(issuer.verify(`${token}x`, 0)).toBeNull();
    expect(issuer.verify('a.b.c', 0)).toBeNull();
  });
});

describe('generated documents', () => {
  it('are a valid PDF and valid PNGs', () => {
    const pdf = textPdf('Report (sandbox)', ['Line with (parentheses) and a \\ backslash', 'Ümlaut becomes ?']);
    expect(pdfIsValid(pdf)).toBe(true);
    expect(pdf.length).toBeLessThan(2048);
    expect(pngIsValid(signaturePng())).toBe(true);
    expect(pngIsValid(idDocumentPng())).toBe(true);
  });
});
