// The shapes of the AWS layer, type-only: tools and helpers import these without loading the SDK,
// which aws-services.ts alone loads, on first use.
import type { CredentialProvider, CredentialSource } from '@sre-agent/aws-shared';
import type { Logger } from '@sre-agent/shared';
import type { AwsSdk, AwsSdkClients, AwsServiceName } from './aws-services.js';

export type { Event as TrailEventShape } from '@aws-sdk/client-cloudtrail';
export type {
  CompositeAlarm as CompositeAlarmShape,
  MetricAlarm as MetricAlarmShape,
  MetricDataQuery,
  MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
export type {
  LogGroup as LogGroupShape,
  QueryStatistics as InsightsStatistics,
  ResultField as InsightsField,
} from '@aws-sdk/client-cloudwatch-logs';
// Shapes the tools map from.
export type { Filter as Ec2Filter, Instance as Ec2Instance } from '@aws-sdk/client-ec2';
export type { Cluster as EksClusterShape, Nodegroup as EksNodegroupShape } from '@aws-sdk/client-eks';
export type {
  TargetGroup as TargetGroupShape,
  TargetHealthDescription as TargetHealthShape,
} from '@aws-sdk/client-elastic-load-balancing-v2';
export type { AffectedEntity as HealthEntityShape, Event as HealthEventShape } from '@aws-sdk/client-health';
export type { DBInstance as RdsInstanceShape } from '@aws-sdk/client-rds';
export type { AwsSdk, AwsSdkClients, AwsServiceName, CredentialProvider };

/** One API call against a lazily loaded client; `options` carries the tool call's abort signal. */
export type Run<S extends AwsServiceName, T> = (
  client: AwsSdkClients[S],
  sdk: AwsSdk[S],
  options: { abortSignal?: AbortSignal },
) => Promise<T>;

/** One region and identity; every AWS call of a tool goes through `call`. */
export interface AwsSession {
  region: string;
  roleName: string | undefined;
  roleArn: string | undefined;
  /** Runs one API operation (the SDK retries throttling and 5xx), mapping failures to a ToolError. */
  call<S extends AwsServiceName, T>(service: S, operation: string, run: Run<S, T>): Promise<T>;
  /** Where the credentials came from (env, profile, SSO, instance metadata, an assumed role). */
  credentialSource(): Promise<CredentialSource & { assumedRole: string | undefined }>;
}

export interface SessionRequest {
  region?: string | undefined;
  roleName?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface AwsClientProvider {
  session(request: SessionRequest): Promise<AwsSession>;
  /** AWS_REGION, else the profile's region. */
  defaultRegion(): Promise<string>;
}

export interface AwsClientProviderOptions {
  now?: () => number;
  /** Where the SDK's own warnings go (e.g. "multiple credential sources"); console.warn otherwise. */
  logger?: Logger;
  /** Replaces the SDK's default credential chain (the chain honours AWS_PROFILE otherwise). */
  baseCredentials?: CredentialProvider;
}
