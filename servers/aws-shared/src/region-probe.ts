import type { ToolError } from '@sre-agent/shared';
import {
  type AwsCallSite,
  isInvalidCredentialsError,
  isUnknownRegionError,
  regionNotEnabledError,
  unknownRegionError,
} from './errors.js';

/** us-east-1 cannot be disabled, so it can always say whether another region is enabled. */
export const PROBE_REGION = 'us-east-1';
// Opt-in regions exist only in the commercial partition; the SDK's own pattern for it.
const COMMERCIAL_REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/;
const ENABLED = new Set(['opt-in-not-required', 'opted-in']);

/** The region's opt-in status as EC2 DescribeRegions reports it, or undefined when it does not exist. */
export type RegionLookup = (region: string) => Promise<string | undefined>;

/**
 * AWS answers every call in an opt-in region the account has not enabled as if the keys were
 * wrong (AuthFailure, InvalidClientTokenId, ...), and "check your keys" would send the operator
 * the wrong way. After such a refusal, ask EC2 in us-east-1 what the region's status is.
 * Undefined means the refusal stands as it is: the region is enabled, or the probe failed too.
 */
export async function explainRegionRefusal(
  error: unknown,
  site: AwsCallSite,
  lookup: RegionLookup,
): Promise<ToolError | undefined> {
  const { region } = site;
  if (region === PROBE_REGION || !COMMERCIAL_REGION.test(region)) return undefined;
  if (!isInvalidCredentialsError(error) || isUnknownRegionError(error, region)) return undefined;
  let status: string | undefined;
  try {
    status = await lookup(region);
  } catch {
    return undefined;
  }
  if (status === undefined) return unknownRegionError(site);
  return ENABLED.has(status) ? undefined : regionNotEnabledError(site, status, error);
}
