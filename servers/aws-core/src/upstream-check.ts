import { isToolError, truncateCodePoints, type UpstreamCheck } from '@sre-agent/shared';
import type { AwsClientProvider } from './aws-session.js';

/**
 * Are credentials resolvable through the SDK's chain (env, profile, SSO, web identity, container or
 * instance metadata), and is there a region? Says where they came from, never what they are. AWS
 * itself is not called (reachable: null): test_aws_connectivity does that on request.
 */
export function createAwsUpstreamCheck(aws: Pick<AwsClientProvider, 'session'>): UpstreamCheck {
  return async () => {
    try {
      const session = await aws.session({});
      const { source, profile } = await session.credentialSource();
      const from = profile ? `${source}, profile "${profile}"` : source;
      return {
        configured: true,
        reachable: null,
        detail: `credentials from ${from}; region ${session.region}; AWS not called by this check`,
      };
    } catch (error) {
      return { configured: false, reachable: null, detail: describe(error) };
    }
  };
}

function describe(error: unknown): string {
  const text = truncateCodePoints(
    (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '',
    400,
  );
  return isToolError(error) && error.remedy ? `${text} ${error.remedy}` : text;
}
