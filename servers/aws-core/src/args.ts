import type { ToolAnnotations } from '@sre-agent/shared';
import { z } from 'zod';
import { regionPattern } from './config.js';

export const regionArg = z
  .string()
  .regex(regionPattern, 'a region looks like "us-east-1" or "eu-west-2"')
  .optional()
  .describe('AWS region, e.g. "eu-west-1"; default AWS_REGION');

export const roleNameArg = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .describe('Role from SRE_AWS_ROLES to assume; omit for the default credentials');

export const outputArg = z
  .enum(['text', 'json'])
  .default('text')
  .describe('"text" (default) or "json" (size-limited)');

/** For an empty answer in one region: the resources may well be in another. */
export const OTHER_REGIONS_HINT = 'Other regions: pass region (list_aws_regions lists the enabled ones).';

/** Every tool of this server only reads, and every one of them calls AWS. */
export function readOnly(title: string): ToolAnnotations {
  return { title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
}
