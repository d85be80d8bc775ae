import { ToolError } from '@sre-agent/shared';
import type { AwsSdk } from './aws-session.js';
import type { AwsCoreConfig } from './config.js';

/** AWS_REGION, else the profile's `region`; the STS module is passed in, loaded only when needed. */
export async function resolveDefaultRegion(
  config: AwsCoreConfig,
  loadSts: () => Promise<AwsSdk['sts']>,
): Promise<string> {
  if (config.region) return config.region;
  const sdk = await loadSts();
  // The SDK's own resolution: AWS_REGION, then the profile's `region` in ~/.aws/config.
  const client = new sdk.STSClient(config.profile ? { profile: config.profile } : {});
  try {
    return await client.config.region();
  } catch {
    throw new ToolError(
      `No AWS region is configured${config.profile ? ` (profile "${config.profile}" has none)` : ''}.`,
      'Pass region (e.g. "us-east-1"), or set AWS_REGION or a region in the AWS profile.',
    );
  } finally {
    client.destroy();
  }
}
