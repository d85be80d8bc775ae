import type { AwsClientProvider } from './aws-session.js';
import type { AwsCoreConfig } from './config.js';

/** What every AWS tool needs; narrow, so tests can pass their own clock. */
export interface AwsCoreToolDeps {
  aws: AwsClientProvider;
  config: AwsCoreConfig;
  now: () => Date;
}
