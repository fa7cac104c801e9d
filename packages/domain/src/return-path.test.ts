import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.ts';

describe('safeReturnPath', () => {
  it('keeps paths on this site, with their query', () => {
    expect(safeReturnPath('/audit?action=auth.login_failed')).toBe('/audit?action=auth.login_failed');
    expect(safeReturnPath('/')).toBe('/');
  });

  it('refuses anything that could lead to another site', () => {
    for (const value of ['//evil.example', 'https://evil.example', '/\\evil.example', 'evil', '/a\nb', '', 42, null]) {
      expect(safeReturnPath(value)).toBe('/');
    }
  });

  it('never returns to the sign-in page itself', () => {
    expect(safeReturnPath('/login?redirect=/audit')).toBe('/');
  });
});
