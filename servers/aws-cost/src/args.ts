import { z } from 'zod';
import { PERIOD_NAMES, PERIOD_SPEC_PATTERN } from './periods.js';

const periodSpec = z
  .string()
  .regex(
    PERIOD_SPEC_PATTERN,
    `use one of ${PERIOD_NAMES.join(', ')}, a month like 2025-03, or a range like 2025-03-01..2025-03-31`,
  );

const PERIOD_HELP = `${PERIOD_NAMES.join(', ')} (last_7_days and last_30_days are complete days ending yesterday; last_3_months is the three complete months before this one), a calendar month "YYYY-MM", or "YYYY-MM-DD..YYYY-MM-DD" with both dates inclusive`;

export const periodArg = (fallback: string) =>
  periodSpec.default(fallback).describe(`Period: ${PERIOD_HELP}. Default ${fallback}.`);

export const optionalPeriodArg = (what: string) => periodSpec.optional().describe(`${what}: ${PERIOD_HELP}.`);

/** A whole number from 1 to `max`: how many rows, days or items a tool returns. */
export const countArg = (description: string, fallback: number, max: number) =>
  z.number().int().min(1).max(max).default(fallback).describe(description);

export const dateArg = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
    .describe(`${what} (YYYY-MM-DD, inclusive); get_current_date_info gives today and month bounds`);

export const GROUP_BY_PATTERN =
  /^(SERVICE|LINKED_ACCOUNT|REGION|USAGE_TYPE|INSTANCE_TYPE|tag:[^\s$]{1,128}|cost_category:[^$]{1,50})$/;

export const groupByItemArg = z
  .string()
  .regex(
    GROUP_BY_PATTERN,
    'use SERVICE, LINKED_ACCOUNT, REGION, USAGE_TYPE, INSTANCE_TYPE, tag:<key> or cost_category:<name>',
  )
  .describe(
    'SERVICE, LINKED_ACCOUNT, REGION, USAGE_TYPE, INSTANCE_TYPE, tag:<key> (e.g. tag:team) or cost_category:<name>',
  );

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
  .describe(
    'UnblendedCost (default: what was billed), AmortizedCost (upfront Savings Plan/RI fees spread over their term), BlendedCost, NetUnblendedCost or NetAmortizedCost (after discounts)',
  );

const names = (what: string, example: string) =>
  z
    .array(z.string().min(1).max(256))
    .max(100)
    .optional()
    .describe(`${what}, exact names, e.g. ${example}; list_dimension_values shows them`);

const accountIds = (what: string) =>
  z
    .array(z.string().regex(/^\d{12}$/, 'an account ID has 12 digits'))
    .max(100)
    .optional()
    .describe(
      `${what}: 12-digit account IDs (get_cost_by_account or list_dimension_values LINKED_ACCOUNT shows them)`,
    );

const tagPairs = (what: string) =>
  z
    .array(z.string().regex(/^[^=]{1,128}=.{0,256}$/, 'use key=value, or key= for untagged'))
    .max(50)
    .optional()
    .describe(`${what}: "key=value" pairs, e.g. "team=payments"; "team=" means resources without a team tag`);

/** Typed include/exclude lists, flat so models fill them reliably (no JSON inside strings). */
export const filterArgs = {
  include_services: names('Only these services', '"Amazon Elastic Compute Cloud - Compute"'),
  exclude_services: names('Leave out these services', '"Tax"'),
  include_accounts: accountIds('Only these linked accounts'),
  exclude_accounts: accountIds('Leave out these linked accounts'),
  include_regions: names('Only these regions', '"us-east-1"'),
  exclude_regions: names('Leave out these regions', '"global"'),
  include_tags: tagPairs(
    'Only costs with these tags (values of one key are alternatives; different keys must all match)',
  ),
  exclude_tags: tagPairs('Leave out costs with these tags'),
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
