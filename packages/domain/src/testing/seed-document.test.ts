import { describe, expect, it } from 'vitest';
import { parseSeedFailureCodeRows, readSeedDocument, seedDocumentPath } from './seed-document.ts';

describe('seed document access', () => {
  it('resolves the seed beside the repository, in shared/seed', () => {
    expect(seedDocumentPath()).toMatch(/[/\\]shared[/\\]seed[/\\]solaris-video-identification\.txt$/);
  });

  it('fails loudly instead of skipping when the seed is missing', () => {
    expect(() => readSeedDocument('/nonexistent/shared/seed/solaris-video-identification.txt')).toThrow(
      /seed document is missing/,
    );
  });

  it('refuses to parse a document without the failure-code table', () => {
    expect(() => parseSeedFailureCodeRows('no table here')).toThrow(/Category \| Failure reason/);
  });
});
