import { defineTool, isToolError, renderTable } from '@sre-agent/shared';
import { readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession } from '../aws-session.js';
import type { AwsCoreToolDeps } from '../deps.js';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
  /** "IAM user sre-bot", "assumed role ReadOnly (session alice)", "root user". */
  principal: string;
  credentialSource: string;
  profile: string | undefined;
  assumedRole: string | undefined;
  region: string;
}

export interface ConnectivityCheck {
  service: 'sts' | 'ec2' | 's3';
  ok: boolean;
  ms: number;
  /** What was found, or the cause of the failure. */
  detail: string;
  /** What to do about a failure, when known. */
  remedy?: string | undefined;
}

export function identityTools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'get_caller_identity',
      description:
        'Who am I in AWS: account, ARN, user or role, and which credential source and profile were used. Start here when an AWS call is refused or to confirm which account you are looking at.',
      input: { region: regionArg, role_name: roleNameArg },
      annotations: readOnly('Get AWS caller identity'),
      async handler({ region, role_name }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        return { text: formatCallerIdentity(await callerIdentity(session)) };
      },
    }),
    defineTool({
      name: 'test_aws_connectivity',
      description:
        'Check that AWS is reachable with the current credentials: STS, EC2 and S3 are called in parallel, each reported ok or failed with the reason; overall ok, partial or failed.',
      input: { region: regionArg, role_name: roleNameArg },
      annotations: readOnly('Test AWS connectivity'),
      async handler({ region, role_name }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const checks = await Promise.all([checkSts(session), checkEc2(session), checkS3(session)]);
        return { text: formatConnectivity(session.region, role_name, checks) };
      },
    }),
  ];
}

async function callerIdentity(session: AwsSession): Promise<CallerIdentity> {
  const [who, source] = await Promise.all([
    session.call('sts', 'GetCallerIdentity', (client, sdk, options) =>
      client.send(new sdk.GetCallerIdentityCommand({}), options),
    ),
    session.credentialSource(),
  ]);
  const arn = who.Arn ?? '';
  return {
    account: who.Account ?? '?',
    arn,
    userId: who.UserId ?? '?',
    principal: describePrincipal(arn),
    credentialSource: source.source,
    profile: source.profile,
    assumedRole: source.assumedRole,
    region: session.region,
  };
}

/** Reads the principal kind out of the ARN the way an operator would say it. */
export function describePrincipal(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  if (resource === 'root') return 'root user (avoid using root credentials)';
  const [kind, ...rest] = resource.split('/');
  if (kind === 'user') return `IAM user ${rest.at(-1)}`;
  if (kind === 'assumed-role') return `assumed role ${rest[0]} (session ${rest.slice(1).join('/')})`;
  if (kind === 'federated-user') return `federated user ${rest.join('/')}`;
  return resource || 'unknown';
}

export function formatCallerIdentity(identity: CallerIdentity): string {
  const rows: [string, string][] = [
    ['Account', identity.account],
    ['ARN', identity.arn],
    ['Principal', identity.principal],
    ['User ID', identity.userId],
    ['Credentials', identity.credentialSource],
    ['Profile', identity.profile ?? '(not from a profile)'],
  ];
  if (identity.assumedRole) rows.push(['Assumed via', `role_name ${identity.assumedRole}`]);
  rows.push(['Region', identity.region]);
  return rows.map(([key, value]) => `${`${key}:`.padEnd(13)}${value}`).join('\n');
}

async function timed(
  service: ConnectivityCheck['service'],
  probe: () => Promise<string>,
): Promise<ConnectivityCheck> {
  const started = Date.now();
  try {
    const detail = await probe();
    return { service, ok: true, ms: Date.now() - started, detail };
  } catch (error) {
    const ms = Date.now() - started;
    if (isToolError(error)) return { service, ok: false, ms, detail: error.message, remedy: error.remedy };
    return { service, ok: false, ms, detail: error instanceof Error ? error.message : String(error) };
  }
}

const checkSts = (session: AwsSession) =>
  timed('sts', async () => {
    const who = await session.call('sts', 'GetCallerIdentity', (client, sdk, options) =>
      client.send(new sdk.GetCallerIdentityCommand({}), options),
    );
    return `account ${who.Account}, ${describePrincipal(who.Arn ?? '')}`;
  });

const checkEc2 = (session: AwsSession) =>
  timed('ec2', async () => {
    const out = await session.call('ec2', 'DescribeRegions', (client, sdk, options) =>
      client.send(
        new sdk.DescribeRegionsCommand({ Filters: [{ Name: 'region-name', Values: [session.region] }] }),
        options,
      ),
    );
    const found = out.Regions?.some((r) => r.RegionName === session.region);
    if (!found) throw new Error(`region ${session.region} is not enabled for this account`);
    return `DescribeRegions allowed; ${session.region} is enabled`;
  });

const checkS3 = (session: AwsSession) =>
  timed('s3', async () => {
    await session.call('s3', 'ListBuckets', (client, sdk, options) =>
      client.send(new sdk.ListBucketsCommand({ MaxBuckets: 1 }), options),
    );
    return 'ListBuckets allowed';
  });

export function formatConnectivity(
  region: string,
  roleName: string | undefined,
  checks: ConnectivityCheck[],
): string {
  const passed = checks.filter((c) => c.ok).length;
  const overall = passed === checks.length ? 'ok' : passed === 0 ? 'failed' : 'partial';
  const who = roleName ? `role_name ${roleName}` : 'default credentials';
  const rows = checks.map((c) => [c.service, c.ok ? 'ok' : 'failed', `${c.ms}ms`, c.detail]);
  const table = renderTable(['SERVICE', 'RESULT', 'TIME', 'DETAIL'], rows);
  // One cause (bad keys, a disabled region) often fails all three; say its remedy once.
  const remedies = [...new Set(checks.flatMap((c) => (c.remedy ? [c.remedy] : [])))];
  const next = remedies.length > 0 ? `\nNext: ${remedies.join(' ')}` : '';
  return `AWS connectivity in ${region} (${who}): ${overall}\n${table}${next}`;
}
