import { scrubCredentials, scrubErrorCredentials, ToolError, truncateCodePoints } from '@sre-agent/shared';
import { AssumeRoleFailure } from './credentials.js';
import { iamActionFor } from './iam-actions.js';

/** Where a failed call was going, so the error can name the action, region and identity. */
export interface AwsCallSite {
  /** The service's IAM prefix (ec2, s3, logs, ce): errors name `service:Operation`. */
  service: string;
  operation: string;
  region: string;
  roleName?: string | undefined;
  roleArn?: string | undefined;
  profile?: string | undefined;
}

interface ErrorFacts {
  name: string;
  message: string;
  status: number | undefined;
  networkCode: string | undefined;
  /** Requests the SDK sent, its retries included. */
  attempts: number | undefined;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AuthFailure',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'InvalidSignatureException',
]);
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'Forbidden',
]);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'EPIPE',
]);

function facts(error: unknown): ErrorFacts {
  const e = (error ?? {}) as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: number; attempts?: number };
  };
  let networkCode: string | undefined;
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK.has(code)) networkCode = code;
    current = (current as { cause?: unknown }).cause;
  }
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: scrubCredentials(typeof e.message === 'string' ? e.message : String(error)),
    status: e.$metadata?.httpStatusCode,
    networkCode,
    attempts: e.$metadata?.attempts,
  };
}

export function isThrottlingError(error: unknown): boolean {
  const f = facts(error);
  return THROTTLING.has(f.name) || f.status === 429;
}

/**
 * A response the SDK could not parse although AWS answered 2xx: the body ended mid-way (a connection
 * cut after the headers, a proxy that drops the tail), so the JSON or XML parser threw. The SDK's
 * deserializer hangs the raw response on the error as a hidden `$response`; its retry strategy does
 * not retry these (none of its throttling, transient or server-error checks matches a parse error
 * on a 200), so the call fails on the first attempt.
 */
export function isIncompleteResponseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('$response' in error)) return false;
  const status = facts(error).status;
  return status !== undefined && status >= 200 && status < 300;
}

/** Throttling, 5xx and dropped connections (a body cut short included) are worth another attempt. */
export function isRetryableAwsError(error: unknown): boolean {
  const f = facts(error);
  if (isThrottlingError(error) || isIncompleteResponseError(error)) return true;
  if (f.status !== undefined && f.status >= 500) return true;
  return f.networkCode === 'ECONNRESET' || f.networkCode === 'EPIPE' || f.networkCode === 'ETIMEDOUT';
}

export function isExpiredCredentialsError(error: unknown): boolean {
  return EXPIRED.has(facts(error).name);
}

/** AWS did not accept the signature: bad keys, or (the same answer) a region not enabled. */
export function isInvalidCredentialsError(error: unknown): boolean {
  return INVALID.has(facts(error).name);
}

export function isUnknownRegionError(error: unknown, region: string): boolean {
  const f = facts(error);
  if (/scoped to a valid region|Invalid region in client config/i.test(f.message)) return true;
  if (f.name === 'AuthorizationHeaderMalformed' && f.message.includes(`'${region}'`)) return true;
  // Without an endpoint override an unknown region is a host name that does not resolve.
  return f.networkCode === 'ENOTFOUND' && f.message.includes(`.${region}.`);
}

function short(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? truncateCodePoints(oneLine, 297, '...') : oneLine;
}

function identity(site: AwsCallSite): string {
  if (site.roleName) return `role "${site.roleName}" (${site.roleArn})`;
  return site.profile ? `profile "${site.profile}"` : 'the default credentials';
}

function credentialsOf(site: AwsCallSite): string {
  return site.roleName || site.profile ? `the credentials of ${identity(site)}` : 'the credentials';
}

function credentialError(f: ErrorFacts, site: AwsCallSite): ToolError {
  if (/SSO session|sso login|token.*expired/i.test(f.message)) {
    const profile = site.profile ?? 'default';
    return new ToolError(
      `The AWS SSO session for profile "${profile}" has expired or is not logged in.`,
      `Run \`aws sso login --profile ${profile}\` and retry.`,
    );
  }
  if (/Could not load credentials/i.test(f.message)) {
    return new ToolError(
      'No AWS credentials found (looked at environment variables, the shared config/credentials files, SSO, web identity, container and instance metadata).',
      'Set AWS_PROFILE to a configured profile (or run `aws configure` / `aws sso login`), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then restart the server.',
    );
  }
  return new ToolError(
    `Could not load AWS credentials: ${short(f.message)}.`,
    'Check AWS_PROFILE and ~/.aws/config (the profile must exist and be complete), then retry.',
  );
}

function authError(f: ErrorFacts, site: AwsCallSite): ToolError | undefined {
  const where = `${site.service.toUpperCase()} ${site.operation} in ${site.region}`;
  if (EXPIRED.has(f.name)) {
    return new ToolError(
      `AWS rejected ${where}: ${credentialsOf(site)} have expired (${f.name}).`,
      site.roleName
        ? 'Retry: the role is assumed again on the next call. If it keeps failing, refresh the base credentials.'
        : 'Refresh the credentials (`aws sso login`, or a new session token) and retry.',
    );
  }
  if (INVALID.has(f.name)) {
    return new ToolError(
      `AWS rejected ${where}: ${credentialsOf(site)} are not valid (${f.name}: ${short(f.message)}).`,
      'Check that AWS_PROFILE or AWS_ACCESS_KEY_ID point at current keys, and that AWS_SESSION_TOKEN is set for temporary keys.',
    );
  }
  if (DENIED.has(f.name) || f.status === 403) {
    const action = iamActionFor(site.service, site.operation);
    if (site.operation === 'AssumeRole') {
      return new ToolError(
        `Could not assume role "${site.roleName}" (${site.roleArn}): ${short(f.message)}.`,
        "Check that the role's trust policy lets the base identity call sts:AssumeRole (and that the external id matches), and that the base identity is allowed sts:AssumeRole on it.",
      );
    }
    return new ToolError(
      `Access denied: ${identity(site)} may not call ${action} in ${site.region} (${f.name}).`,
      `Grant \`${action}\` to that identity in IAM, or pass a role_name whose role has it.`,
    );
  }
  return undefined;
}

/** The SDK retried throttling or a server error until its attempts ran out. */
function exhausted(f: ErrorFacts, error: unknown, site: AwsCallSite): ToolError | undefined {
  const throttled = isThrottlingError(error);
  if (!throttled && (f.status === undefined || f.status < 500)) return undefined;
  const what = `${site.service.toUpperCase()} ${site.operation} in ${site.region}`;
  const attempts = f.attempts ?? 1;
  const times = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  if (throttled) {
    return new ToolError(
      `AWS throttled ${what} (${f.name}) and it still failed after ${times} with backoff.`,
      'Wait a minute before retrying, and narrow the request (one region, a filter) to make fewer calls.',
    );
  }
  return new ToolError(
    `AWS ${what} kept failing after ${times} (${f.name}${f.status ? `, HTTP ${f.status}` : ''}).`,
    'The service may be degraded in that region; check the AWS Health Dashboard and retry later.',
  );
}

function incompleteResponseError(f: ErrorFacts, site: AwsCallSite): ToolError {
  // The parser's words, without the SDK's hint about a hidden field the model cannot see.
  const parser = short(
    f.message.replace(/\s*Deserialization error:.*$/s, '').replace(/^@aws-sdk /, ''),
  ).replace(/[.\s]+$/, '');
  return new ToolError(
    `AWS sent an incomplete response to ${site.service.toUpperCase()} ${site.operation} in ${site.region}: the connection was cut mid-body, so it could not be read (${parser}).`,
    'Retry the call; the AWS SDK does not retry a response it cannot parse. If it keeps happening, a proxy or network device on the way may be cutting responses.',
  );
}

/** The call site of the AssumeRole behind a failed call, signed by the base identity. */
export function assumeRoleSite(failure: AssumeRoleFailure, site: Pick<AwsCallSite, 'profile'>): AwsCallSite {
  return {
    service: 'sts',
    operation: 'AssumeRole',
    region: failure.region,
    roleName: failure.roleName,
    roleArn: failure.role.roleArn,
    profile: site.profile,
  };
}

/** Turns whatever an AWS call threw into a ToolError with a cause and a remedy. */
export function toAwsToolError(error: unknown, site: AwsCallSite): Error {
  if (error instanceof ToolError) return error;
  if (error instanceof AssumeRoleFailure) return toAwsToolError(error.cause, assumeRoleSite(error, site));
  const f = facts(error);
  if (f.name === 'CredentialsProviderError' || f.name === 'TokenProviderError')
    return credentialError(f, site);
  if (isUnknownRegionError(error, site.region)) return unknownRegionError(site);
  const auth = authError(f, site);
  if (auth) return auth;
  if (f.networkCode) {
    return new ToolError(
      `Cannot reach the AWS ${site.service.toUpperCase()} endpoint for ${site.region} (${f.networkCode}).`,
      'Check network access to AWS (proxy, VPN, VPC endpoints) and any AWS_ENDPOINT_URL_* override, then retry.',
    );
  }
  if (isIncompleteResponseError(error)) return incompleteResponseError(f, site);
  const retried = exhausted(f, error, site);
  if (retried) return retried;
  if (f.status !== undefined && f.status < 500) {
    return new ToolError(
      `AWS ${site.service.toUpperCase()} ${site.operation} failed: ${f.name}: ${short(f.message)}.`,
      '',
    );
  }
  return scrubErrorCredentials(error);
}

export function unknownRegionError(site: AwsCallSite): ToolError {
  return new ToolError(
    `"${site.region}" is not a valid or enabled AWS region for ${site.service.toUpperCase()}.`,
    'Call list_aws_regions to see the regions enabled for this account, and pass one of them as region.',
  );
}

export function regionNotEnabledError(site: AwsCallSite, optInStatus: string, error: unknown): ToolError {
  const { region } = site;
  return new ToolError(
    `"${region}" is an opt-in region that is not enabled for this account (opt-in status: ${optInStatus}), so AWS refuses ${site.service.toUpperCase()} ${site.operation} there (${facts(error).name}); the credentials are fine.`,
    `Pass an enabled region (list_aws_regions lists them), or have an administrator enable ${region} (AWS console > Account > AWS Regions, or \`aws account enable-region --region-name ${region}\`), which can take minutes to hours.`,
  );
}

export function unknownRoleError(roleName: string, configured: readonly string[]): ToolError {
  return new ToolError(
    `Unknown role_name "${roleName}".`,
    configured.length > 0
      ? `Configured roles: ${configured.join(', ')}. Pass one of them, or omit role_name to use the default credentials.`
      : 'No roles are configured (SRE_AWS_ROLES is empty); omit role_name to use the default credentials.',
  );
}
