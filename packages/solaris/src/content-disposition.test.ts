import { describe, expect, it } from 'vitest';
import { parseContentDispositionFileName } from './content-disposition.ts';
import { parseRetryAfter } from './transport.ts';

describe('parseContentDispositionFileName', () => {
  it.each([
    ['attachment; filename="file1.pdf"', 'file1.pdf'],
    ['attachment; filename=file2.jpg', 'file2.jpg'],
    [`attachment; filename="fallback.pdf"; filename*=UTF-8''Stra%C3%9Fe%20Nr.pdf`, 'Straße Nr.pdf'],
    [`attachment; filename*=iso-8859-1'de'M%FCller.pdf`, 'Müller.pdf'],
    ['attachment; filename="with \\"quotes\\".pdf"', 'with "quotes".pdf'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\temp\\\\scan.png"', 'scan.png'],
    [`attachment; filename="ok.pdf"; filename*=UTF-8''%E0%A4%A.pdf`, 'ok.pdf'],
    ['inline', null],
    [null, null],
  ])('reads %j as %j', (header, expected) => {
    expect(parseContentDispositionFileName(header)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 15, 9, 30, 0);

  it('reads seconds and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 5 ', now)).toBe(5000);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(parseRetryAfter(new Date(now - 7000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
