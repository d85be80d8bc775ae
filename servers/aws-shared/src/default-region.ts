import { ToolError } from '@sre-agent/shared';
import type { AwsSettings } from './env.js';

/**
 * AWS_REGION, else the profile's `region` (the SDK's own resolution), else `fallback` when the
 * server has one (Cost Explorer only needs a partition), else a ToolError asking for a region.
 */
export async function resolveDefaultRegion(
  settings: Pick<AwsSettings, 'region' | 'profile'>,
  fallback?: string,
): Promise<string> {
  if (settings.region) return settings.region;
  const sdk = await import('@aws-sdk/client-sts');
  const client = new sdk.STSClient(settings.profile ? { profile: settings.profile } : {});
  try {
    return await client.config.region();
  } catch {
    if (fallback) return fallback;
    throw new ToolError(
      `No AWS region is configured${settings.profile ? ` (profile "${settings.profile}" has none)` : ''}.`,
      'Pass region (e.g. "us-east-1"), or set AWS_REGION or a region in the AWS profile.',
    );
  } finally {
    client.destroy();
  }
}
