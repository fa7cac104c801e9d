import { describe, expect, it } from 'vitest';
import { documentIdSchema, identificationIdSchema, personIdSchema, solarisIdKind } from './solaris-ids.ts';

describe('Solaris ids', () => {
  it('recognise the seed ids by their suffix', () => {
    expect(solarisIdKind('7cf09c3c5547b974a664201f24b454eecper')).toBe('person');
    expect(solarisIdKind('b80ea8c7f76909749763e77f3efc2c87cidt')).toBe('identification');
    expect(solarisIdKind('448b75fa1c57eecda41d91c66c22faa6cdoc')).toBe('document');
  });

  it('accept pasted ids with spaces or upper case', () => {
    expect(solarisIdKind(' 7CF09C3C5547B974A664201F24B454EECPER ')).toBe('person');
  });

  it('refuse ids of the wrong length or alphabet', () => {
    expect(solarisIdKind('7cf09c3c5547b974a664201f24b454ecper')).toBeNull();
    expect(solarisIdKind('zzf09c3c5547b974a664201f24b454eecper')).toBeNull();
    expect(solarisIdKind('7cf09c3c5547b974a664201f24b454eecxyz')).toBeNull();
  });

  it('schemas accept only their own kind', () => {
    expect(personIdSchema.safeParse('7cf09c3c5547b974a664201f24b454eecper').success).toBe(true);
    expect(personIdSchema.safeParse('b80ea8c7f76909749763e77f3efc2c87cidt').error?.issues[0]?.message).toMatch(/cper/);
    expect(identificationIdSchema.safeParse('b80ea8c7f76909749763e77f3efc2c87cidt').success).toBe(true);
    expect(documentIdSchema.safeParse('448b75fa1c57eecda41d91c66c22faa6cdoc').success).toBe(true);
  });
});
