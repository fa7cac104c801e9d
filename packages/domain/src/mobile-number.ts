import { z } from 'zod';

/** E.164: a plus, then 2 to 15 digits, the first (country code) never 0. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

export const mobileNumberSchema = z
  .string()
  .regex(E164_PATTERN, {
    error: 'mobile_number must be in E.164 format: + and 2 to 15 digits without spaces, e.g. +49301234567',
  });
