import { z } from 'zod';

/** The languages an IDnow call can be held in (seed: German or English). */
export const IDENTIFICATION_LANGUAGES = ['DE', 'EN'] as const;
export const identificationLanguageSchema = z.enum(IDENTIFICATION_LANGUAGES, {
  error: 'Language must be DE or EN: IDnow calls are held in German or English only',
});
export type IdentificationLanguage = z.infer<typeof identificationLanguageSchema>;

export const IDENTIFICATION_LANGUAGE_LABELS: Record<IdentificationLanguage, string> = {
  DE: 'German',
  EN: 'English',
};
