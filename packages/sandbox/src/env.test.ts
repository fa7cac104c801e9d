import { describe, expect, it } from 'vitest';
import { readStandaloneEnv } from './env.ts';

describe('the standalone sandbox configuration', () => {
  it('treats a blank DATABASE_URL as unset and keeps its data in the embedded database', () => {
    const env = readStandaloneEnv({ DATABASE_URL: '', DATA_DIR: '/tmp/sandbox-data', PORT: '4011' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe('/tmp/sandbox-data');
    expect(env.PORT).toBe(4011);
  });

  it('refuses a malformed value and names the variable', () => {
    expect(() => readStandaloneEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => readStandaloneEnv({ PORT: '70000' })).toThrow(/PORT/);
  });
});
