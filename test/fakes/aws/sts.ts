// STS over the awsQuery protocol: GetCallerIdentity and AssumeRole.
import type { FakeState } from './fake-state.ts';
import { type AwsError, type FakeResponse, queryResponse } from './protocol.ts';
import { refuse, type ServiceFake, type ServiceRequest, validationError } from './service-request.ts';
import { xmlBody } from './xml.ts';

function getCallerIdentity(request: ServiceRequest): FakeResponse {
  const { arn, userId, account } = request.principal;
  return queryResponse(
    'sts',
    'GetCallerIdentity',
    xmlBody({ Arn: arn, UserId: userId, Account: account }),
    request.requestId,
  );
}

const constraint = (field: string) =>
  validationError(`1 validation error detected: Value at '${field}' failed to satisfy constraint`);

/** What STS refuses before it looks at the role: a bad session name or duration. */
function invalidParameters(sessionName: string, duration: number): AwsError | undefined {
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) return constraint('roleSessionName');
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200)
    return constraint('durationSeconds');
  return undefined;
}

function assumeRole(request: ServiceRequest, state: FakeState): FakeResponse {
  const roleArn = request.params.get('RoleArn') ?? '';
  const sessionName = request.params.get('RoleSessionName') ?? '';
  const duration = Number(request.params.get('DurationSeconds') ?? '3600');
  const invalid = invalidParameters(sessionName, duration);
  if (invalid) return refuse(request, invalid);
  const role = state.roles.get(roleArn);
  const externalId = request.params.get('ExternalId') ?? undefined;
  if (!role || role.externalId !== externalId) {
    const message = `User: ${request.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
    return refuse(request, { code: 'AccessDenied', status: 403, message });
  }
  const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn)!;
  const [account, roleName] = [match[1]!, match[2]!];
  const roleId = `AROA${account.slice(0, 8)}FAKEROLE`;
  const principal = {
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    userId: `${roleId}:${sessionName}`,
    account,
  };
  const creds = state.issue(principal, state.options.assumeRoleDurationSeconds ?? duration);
  const result = xmlBody({
    Credentials: {
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      SessionToken: creds.sessionToken,
      Expiration: creds.expiration,
    },
    AssumedRoleUser: { AssumedRoleId: principal.userId, Arn: principal.arn },
    PackedPolicySize: 6,
  });
  return queryResponse('sts', 'AssumeRole', result, request.requestId);
}

export const stsFake: ServiceFake = {
  operation: (request) => {
    const action = request.params.get('Action');
    return action === 'GetCallerIdentity' || action === 'AssumeRole' ? action : undefined;
  },
  handle: (operation, request, state) =>
    operation === 'AssumeRole' ? assumeRole(request, state) : getCallerIdentity(request),
};
