import { AssumeRoleFailure, isIncompleteResponseError, toAwsToolError } from '@sre-agent/aws-shared';
import { scrubCredentials, scrubErrorCredentials, ToolError, truncateCodePoints } from '@sre-agent/shared';

/** Where a failed request went, so the error can name the identity and endpoint that were tried. */
export interface ErrorContext {
  operation: string;
  profile: string | undefined;
  roleArn: string | undefined;
  endpoint: string;
  attempts: number;
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'EAI_AGAIN'];
const CREDENTIAL_ERRORS = [
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
];

const attempts = (ctx: ErrorContext) => `${ctx.attempts} attempt${ctx.attempts === 1 ? '' : 's'}`;

function identity(ctx: ErrorContext): string {
  const profile = ctx.profile ? `profile "${ctx.profile}"` : 'the default credential chain (no AWS_PROFILE)';
  return ctx.roleArn ? `${profile}, assuming ${ctx.roleArn}` : profile;
}

/** Turns whatever the SDK threw into a ToolError whose text is a cause and a next step. */
export function toCostToolError(error: unknown, ctx: ErrorContext): Error {
  if (error instanceof ToolError) return error;
  if (error instanceof AssumeRoleFailure) return assumeRoleError(error, ctx);
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = e.name ?? '';
  // AWS messages often end in a full stop; ours add one after them.
  const said = truncateCodePoints(scrubCredentials(e.message ?? String(error)), 400).replace(/[.\s]+$/, '');
  if (name === 'AbortError') return error as Error;
  // Both read the same in every AWS server: the foundation words them.
  if (SSO_EXPIRED.test(said) || isIncompleteResponseError(error)) return foundationError(error, ctx);
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(said)) {
    return new ToolError(
      `No AWS credentials found: tried ${identity(ctx)} (${said}).`,
      'Set AWS_PROFILE to a profile in ~/.aws/config (run `aws sso login --profile <name>` if it uses SSO), or provide AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then retry.',
    );
  }
  if (CREDENTIAL_ERRORS.includes(name)) {
    return new ToolError(
      `AWS rejected the credentials from ${identity(ctx)} (${name}): ${said}.`,
      'Refresh them (for SSO: `aws sso login`), then retry.',
    );
  }
  return serviceError(name, said, e, ctx) ?? networkOrUnknown(error, e, ctx);
}

/** An expired or logged-out SSO session, in any SDK's words. */
const SSO_EXPIRED = /SSO session|sso login|token.*expired/i;

function foundationError(error: unknown, ctx: ErrorContext): Error {
  return toAwsToolError(error, {
    service: 'ce',
    operation: ctx.operation,
    region: 'us-east-1',
    profile: ctx.profile,
  });
}

/** The role could not be assumed: no base credentials to assume it with, or STS refused. */
function assumeRoleError(failure: AssumeRoleFailure, ctx: ErrorContext): Error {
  const cause = failure.cause as SdkErrorShape | undefined;
  const name = cause?.name ?? '';
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return toCostToolError(failure.cause, ctx);
  }
  const said = truncateCodePoints(scrubCredentials(cause?.message ?? String(cause)), 400).replace(
    /[.\s]+$/,
    '',
  );
  return new ToolError(
    `Could not assume ${failure.role.roleArn} with ${identity(ctx)}: ${said}.`,
    "Check the role's trust policy allows this identity (and the role's external_id in SRE_AWS_ROLES, or SRE_CE_EXTERNAL_ID, if it requires one).",
  );
}

type ServiceErrorText = (said: string, ctx: ErrorContext, name: string) => ToolError;

const accessDenied: ServiceErrorText = (said, ctx) =>
  new ToolError(
    `Access denied to Cost Explorer ${ctx.operation} for ${identity(ctx)}: ${said}.`,
    `Grant the IAM action ce:${ctx.operation} to this identity (the AWS managed policy AWSBillingReadOnlyAccess has it); in a member account, the payer must also allow IAM access to billing data.`,
  );

const throttled: ServiceErrorText = (said, ctx, name) =>
  new ToolError(
    `Cost Explorer is throttling requests (${name}) after ${attempts(ctx)}: ${said}.`,
    'Retry after about a minute; meanwhile reuse answers you already have.',
  );

const pagingRefused: ServiceErrorText = (said, _ctx, name) =>
  new ToolError(`Cost Explorer refused to continue paging (${name}): ${said}.`, 'Retry the same call.');

/** The errors Cost Explorer documents, by exception name. */
const SERVICE_ERRORS: Record<string, ServiceErrorText> = {
  AccessDeniedException: accessDenied,
  AccessDenied: accessDenied,
  DataUnavailableException: (said, ctx) =>
    new ToolError(
      `Cost Explorer has no data for this request yet: ${said}.`,
      ctx.operation === 'GetCostForecast'
        ? 'A forecast needs some weeks of cost history for what it covers: check that the filters match services or accounts with recent costs (get_cost_by_service shows them), or drop them.'
        : 'Cost data lags by up to 24 hours (48 after Cost Explorer is first enabled); ask about an earlier period, or retry later.',
    ),
  LimitExceededException: throttled,
  ThrottlingException: throttled,
  ValidationException: (said, ctx) =>
    new ToolError(
      `Cost Explorer rejected the ${ctx.operation} request: ${said}.`,
      'Check the dates (YYYY-MM-DD, within the last 14 months), the group_by keys and the filter values (list_dimension_values shows valid ones).',
    ),
  BillExpirationException: (said) =>
    new ToolError(`The requested bill has expired: ${said}.`, 'Ask about a more recent period.'),
  RequestChangedException: pagingRefused,
  InvalidNextTokenException: pagingRefused,
};

function serviceError(
  name: string,
  said: string,
  e: SdkErrorShape,
  ctx: ErrorContext,
): ToolError | undefined {
  if (Object.hasOwn(SERVICE_ERRORS, name)) return SERVICE_ERRORS[name]!(said, ctx, name);
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) {
    return new ToolError(
      `Cost Explorer failed ${ctx.operation} with HTTP ${status} (${name || 'server error'}) after ${attempts(ctx)}.`,
      'The service may be degraded; retry in a few minutes.',
    );
  }
  return undefined;
}

function networkOrUnknown(error: unknown, e: SdkErrorShape, ctx: ErrorContext): Error {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as SdkErrorShape).code;
    if (code && NETWORK_CODES.includes(code)) {
      return new ToolError(
        `Cannot reach Cost Explorer at ${ctx.endpoint} (${code}).`,
        'Check network access (proxy, VPN) and AWS_ENDPOINT_URL_COST_EXPLORER if it is set.',
      );
    }
    current = (current as SdkErrorShape).cause;
  }
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status < 500 && e.name) {
    return new ToolError(
      `Cost Explorer ${ctx.operation} failed: ${e.name}: ${scrubCredentials(e.message ?? '').replace(/[.\s]+$/, '')}.`,
      'Check the arguments and retry.',
    );
  }
  return scrubErrorCredentials(error);
}
