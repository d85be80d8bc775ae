// The error classes the tests inject, rendered with the code, status and message each service
// really returns for them (the same failure has a different name on EC2, S3 and EKS).
import { type AwsError, type AwsService, JSON_1_1_TARGETS } from './protocol.ts';

/** awsJson1_1 services (Logs, CloudTrail, Health) answer client errors with 400 and `...Exception` names. */
const isJson = (service: AwsService) => JSON_1_1_TARGETS[service] !== undefined;

export type ErrorKind = 'accessDenied' | 'expiredToken' | 'invalidToken' | 'throttling' | 'serverError';

/** The IAM action behind each operation, as AWS names it in AccessDenied messages. */
export const IAM_ACTIONS: Record<string, string> = {
  'sts:GetCallerIdentity': 'sts:GetCallerIdentity',
  'sts:AssumeRole': 'sts:AssumeRole',
  'ec2:DescribeInstances': 'ec2:DescribeInstances',
  'ec2:DescribeRegions': 'ec2:DescribeRegions',
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketLocation': 's3:GetBucketLocation',
  'rds:DescribeDBInstances': 'rds:DescribeDBInstances',
  'iam:GetAccountSummary': 'iam:GetAccountSummary',
  'iam:ListAccountAliases': 'iam:ListAccountAliases',
  'eks:ListClusters': 'eks:ListClusters',
  'eks:DescribeCluster': 'eks:DescribeCluster',
  'eks:ListNodegroups': 'eks:ListNodegroups',
  'eks:DescribeNodegroup': 'eks:DescribeNodegroup',
  'logs:DescribeLogGroups': 'logs:DescribeLogGroups',
  'logs:StartQuery': 'logs:StartQuery',
  'logs:GetQueryResults': 'logs:GetQueryResults',
  'logs:StopQuery': 'logs:StopQuery',
  'cloudtrail:LookupEvents': 'cloudtrail:LookupEvents',
  'health:DescribeEvents': 'health:DescribeEvents',
  'health:DescribeAffectedEntities': 'health:DescribeAffectedEntities',
  // CloudWatch signs as `monitoring` but its IAM prefix is `cloudwatch`.
  'monitoring:DescribeAlarms': 'cloudwatch:DescribeAlarms',
  'monitoring:GetMetricData': 'cloudwatch:GetMetricData',
  'elasticloadbalancing:DescribeLoadBalancers': 'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeTargetGroups': 'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth': 'elasticloadbalancing:DescribeTargetHealth',
};

function accessDenied(service: AwsService, operation: string, principal: string): AwsError {
  const action = IAM_ACTIONS[`${service}:${operation}`] ?? `${service}:${operation}`;
  const why = `User: ${principal} is not authorized to perform: ${action}`;
  if (service === 'ec2') {
    return {
      code: 'UnauthorizedOperation',
      status: 403,
      message: `You are not authorized to perform this operation. ${why} because no identity-based policy allows the ${action} action`,
    };
  }
  if (service === 'eks')
    return { code: 'AccessDeniedException', status: 403, message: `${why} on resource: *` };
  if (isJson(service))
    return { code: 'AccessDeniedException', status: 400, message: `${why} on resource: *` };
  if (service === 's3') {
    return {
      code: 'AccessDenied',
      status: 403,
      message: `${why} because no identity-based policy allows the ${action} action`,
    };
  }
  return { code: 'AccessDenied', status: 403, message: `${why} on resource: *` };
}

export function expiredToken(service: AwsService): AwsError {
  if (service === 'ec2') return { code: 'RequestExpired', status: 400, message: 'Request has expired.' };
  if (service === 's3')
    return { code: 'ExpiredToken', status: 400, message: 'The provided token has expired.' };
  const message = 'The security token included in the request is expired';
  if (service === 'eks') return { code: 'ExpiredTokenException', status: 403, message };
  if (isJson(service)) return { code: 'ExpiredTokenException', status: 400, message };
  return { code: 'ExpiredToken', status: 403, message };
}

export function invalidToken(service: AwsService): AwsError {
  if (service === 'ec2') {
    return {
      code: 'AuthFailure',
      status: 401,
      message: 'AWS was not able to validate the provided access credentials',
    };
  }
  if (service === 's3') {
    return {
      code: 'InvalidAccessKeyId',
      status: 403,
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  }
  const message = 'The security token included in the request is invalid.';
  if (service === 'eks') return { code: 'UnrecognizedClientException', status: 403, message };
  if (isJson(service)) return { code: 'UnrecognizedClientException', status: 400, message };
  return { code: 'InvalidClientTokenId', status: 403, message };
}

function throttling(service: AwsService): AwsError {
  if (service === 'ec2')
    return { code: 'RequestLimitExceeded', status: 503, message: 'Request limit exceeded.' };
  if (service === 's3') return { code: 'SlowDown', status: 503, message: 'Please reduce your request rate.' };
  if (service === 'eks') return { code: 'ThrottlingException', status: 429, message: 'Rate exceeded' };
  if (isJson(service)) return { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' };
  return { code: 'Throttling', status: 400, message: 'Rate exceeded' };
}

function serverError(service: AwsService): AwsError {
  if (service === 'eks') return { code: 'ServerException', status: 500, message: 'Internal server error' };
  if (service === 'logs')
    return { code: 'ServiceUnavailableException', status: 500, message: 'Service unavailable' };
  if (service === 'ec2' || service === 's3') {
    return {
      code: 'InternalError',
      status: 500,
      message: 'We encountered an internal error. Please try again.',
    };
  }
  return {
    code: 'InternalFailure',
    status: 500,
    message: 'The request processing has failed because of an unknown error.',
  };
}

export function errorForKind(
  kind: ErrorKind,
  service: AwsService,
  operation: string,
  principal: string,
): AwsError {
  switch (kind) {
    case 'accessDenied':
      return accessDenied(service, operation, principal);
    case 'expiredToken':
      return expiredToken(service);
    case 'invalidToken':
      return invalidToken(service);
    case 'throttling':
      return throttling(service);
    case 'serverError':
      return serverError(service);
  }
}

/** What AWS answers when the SigV4 scope names a region that does not exist. */
export function unknownRegion(service: AwsService, region: string): AwsError {
  if (service === 's3') {
    return {
      code: 'AuthorizationHeaderMalformed',
      status: 400,
      message: `The authorization header is malformed; the region '${region}' is wrong; expecting 'us-east-1'`,
    };
  }
  if (service === 'ec2')
    return { code: 'AuthFailure', status: 401, message: 'Credential should be scoped to a valid region.' };
  if (service === 'eks' || isJson(service)) {
    return {
      code: 'InvalidSignatureException',
      status: isJson(service) ? 400 : 403,
      message: 'Credential should be scoped to a valid region.',
    };
  }
  return {
    code: 'SignatureDoesNotMatch',
    status: 403,
    message: 'Credential should be scoped to a valid region.',
  };
}
