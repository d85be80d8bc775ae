import { z } from 'zod';

/** Optional text where empty means unset: compose files and CI write `VAR=` for "not set". */
export const optionalText = () =>
  z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined));

/** An optional URL, with what it is for. */
export const optionalUrl = (what: string) =>
  optionalText()
    .refine((url) => url === undefined || z.url().safeParse(url).success, 'must be a URL')
    .describe(what);
