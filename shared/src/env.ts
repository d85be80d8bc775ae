import { z } from 'zod';

/** Thrown when the environment does not parse; lists every problem at once. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment once, failing fast with every problem listed, so an operator
 * fixes a misconfiguration in one round instead of one variable at a time.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

const truthy = ['true', '1', 'yes', 'on'];
const falsy = ['false', '0', 'no', 'off'];

/**
 * An env flag. Unset or empty means the default: compose files and Helm charts write `VAR=` for
 * "not set", and reading that as false would silently turn a safety such as SRE_CONFIRM_WRITES off.
 * Only an explicit word (any case) changes it; anything else is a config error naming the words.
 */
export function envBoolean(defaultValue: boolean) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const normalised = value?.trim().toLowerCase() ?? '';
      if (normalised === '') return defaultValue;
      if (truthy.includes(normalised)) return true;
      if (falsy.includes(normalised)) return false;
      ctx.addIssue({
        code: 'custom',
        message: `expected ${truthy.join('/')} or ${falsy.join('/')} (or empty for the default, ${defaultValue}), got "${value}"`,
      });
      return z.NEVER;
    });
}

/**
 * A text variable where empty means unset, as for flags: compose writes `AWS_REGION=` for "not
 * chosen", and the AWS SDK itself reads an empty value as unset.
 */
export function emptyAsUnset<Schema extends z.ZodType<unknown, string | undefined>>(schema: Schema) {
  return z
    .string()
    .optional()
    .transform((value) => (value?.trim() === '' ? undefined : value))
    .pipe(schema);
}

/** A positive integer from the environment, with a default and bounds. */
export function envInteger(defaultValue: number, bounds: { min?: number; max?: number } = {}) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return defaultValue;
      const parsed = Number(value);
      const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = bounds;
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({
          code: 'custom',
          message: `expected an integer from ${min} to ${max}, got "${value}"`,
        });
        return z.NEVER;
      }
      return parsed;
    });
}

/** A comma-separated list; empty or unset means an empty list. */
export function envList() {
  return z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    );
}
