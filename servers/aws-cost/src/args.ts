import { z } from 'zod';
import { PERIOD_NAMES, PERIOD_SPEC_PATTERN } from './periods.js';

/**
 * A string checked against `pattern` by a refinement rather than .regex(), so the JSON schema carries
 * no pattern: the field's description says the forms in words, and the regex repeated them on every
 * field of every tool in tools/list, which the model reads on each turn.
 */
const matching = (pattern: RegExp, message: string) =>
  z.string().refine((value) => pattern.test(value), { message });

const periodSpec = matching(
  PERIOD_SPEC_PATTERN,
  `use one of ${PERIOD_NAMES.join(', ')}, a month like 2025-03, or a range like 2025-03-01..2025-03-31`,
);

// What each name resolves to is in the server instructions and get_current_date_info.
const PERIOD_HELP = `${PERIOD_NAMES.join(', ')}, YYYY-MM, or YYYY-MM-DD..YYYY-MM-DD (inclusive)`;

export const periodArg = (fallback: string) =>
  periodSpec.default(fallback).describe(`${PERIOD_HELP}; default ${fallback}`);

export const optionalPeriodArg = (what: string) => periodSpec.optional().describe(`${what}: ${PERIOD_HELP}`);

/** A whole number from 1 to `max`: how many rows, days or items a tool returns. */
export const countArg = (description: string, fallback: number, max: number) =>
  z.number().int().min(1).max(max).default(fallback).describe(description);

export const dateArg = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
    .describe(`${what}, YYYY-MM-DD, inclusive`);

export const tagKeyArg = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^$]+$/, 'a tag key cannot contain "$"')
  .describe('Cost allocation tag key, e.g. "team" (case-sensitive, must be activated)');

export const GROUP_BY_PATTERN =
  /^(SERVICE|LINKED_ACCOUNT|REGION|USAGE_TYPE|INSTANCE_TYPE|tag:[^\s$]{1,128}|cost_category:[^$]{1,50})$/;

const GROUP_BY_HELP =
  'SERVICE, LINKED_ACCOUNT, REGION, USAGE_TYPE, INSTANCE_TYPE, tag:<key> (e.g. tag:team) or cost_category:<name>';

export const groupByItemArg = matching(GROUP_BY_PATTERN, `use ${GROUP_BY_HELP}`).describe(GROUP_BY_HELP);

export const COST_METRICS = [
  'UnblendedCost',
  'AmortizedCost',
  'BlendedCost',
  'NetUnblendedCost',
  'NetAmortizedCost',
] as const;

export const metricArg = z
  .enum(COST_METRICS)
  .default('UnblendedCost')
  .describe('Unblended: as billed; Amortized: upfront RI/SP fees spread; Net: after discounts');

const exactName = matching(/^.{1,256}$/s, 'a name has 1 to 256 characters');

const names = (what: string) => z.array(exactName).max(100).optional().describe(what);

const accountIds = (what: string) =>
  z
    .array(z.string().regex(/^\d{12}$/, 'an account ID has 12 digits'))
    .max(100)
    .optional()
    .describe(`${what}, by 12-digit ID`);

const tagPairs = (what: string) =>
  z
    .array(matching(/^[^=]{1,128}=.{0,256}$/, 'use key=value, or key= for untagged'))
    .max(50)
    .optional()
    .describe(what);

/** Typed include/exclude lists, flat so models fill them reliably (no JSON inside strings). */
export const filterArgs = {
  include_services: names('Only these services (exact names, see list_dimension_values)'),
  exclude_services: names('Leave out these services, e.g. Tax'),
  include_accounts: accountIds('Only these linked accounts'),
  exclude_accounts: accountIds('Leave out these linked accounts'),
  include_regions: names('Only these regions, e.g. us-east-1'),
  exclude_regions: names('Leave out these regions, e.g. global'),
  include_tags: tagPairs('Only costs tagged key=value (team= is untagged); keys AND, values OR'),
  exclude_tags: tagPairs('Leave out costs tagged key=value'),
};
export interface FilterArgs {
  include_services?: string[] | undefined;
  exclude_services?: string[] | undefined;
  include_accounts?: string[] | undefined;
  exclude_accounts?: string[] | undefined;
  include_regions?: string[] | undefined;
  exclude_regions?: string[] | undefined;
  include_tags?: string[] | undefined;
  exclude_tags?: string[] | undefined;
}
