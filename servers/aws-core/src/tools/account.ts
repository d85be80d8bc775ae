import { defineTool, isToolError, renderTable } from '@sre-agent/shared';
import { outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession } from '../aws-session.js';
import type { AwsCoreToolDeps } from '../deps.js';

export interface RegionRow {
  name: string;
  optInStatus: string;
  endpoint: string;
}

export interface AccountSummary {
  aliases: string[] | undefined;
  /** Why the aliases are missing, when they are. */
  aliasError: string | undefined;
  summary: Record<string, number>;
}

export function accountTools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'list_aws_regions',
      description:
        'List the AWS regions enabled for the account (opt-in status included), marking the default region. Use it to pick a region, or when a region is refused.',
      input: { region: regionArg, role_name: roleNameArg, output: outputArg },
      annotations: readOnly('List AWS regions'),
      async handler({ region, role_name, output }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const rows = await enabledRegions(session);
        if (output === 'json') return { json: rows };
        return { text: formatRegions(rows, session.region) };
      },
    }),
    defineTool({
      name: 'get_account_summary',
      description:
        'IAM account summary: account alias, counts of users, roles, groups and policies against their quotas, root MFA and root access keys. Use it for a quick security and quota posture check.',
      input: { region: regionArg, role_name: roleNameArg, output: outputArg },
      annotations: readOnly('Get IAM account summary'),
      async handler({ region, role_name, output }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const result = await accountSummary(session);
        if (output === 'json') return { json: result };
        return { text: formatAccountSummary(result) };
      },
    }),
  ];
}

async function enabledRegions(session: AwsSession): Promise<RegionRow[]> {
  const out = await session.call('ec2', 'DescribeRegions', (client, sdk, options) =>
    client.send(new sdk.DescribeRegionsCommand({}), options),
  );
  const rows = (out.Regions ?? []).map((r) => ({
    name: r.RegionName ?? '?',
    optInStatus: r.OptInStatus ?? 'unknown',
    endpoint: r.Endpoint ?? '',
  }));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

async function accountSummary(session: AwsSession): Promise<AccountSummary> {
  const [summary, aliases] = await Promise.all([
    session.call('iam', 'GetAccountSummary', (client, sdk, options) =>
      client.send(new sdk.GetAccountSummaryCommand({}), options),
    ),
    // The alias is a nicety: a refusal here must not hide the summary.
    session
      .call('iam', 'ListAccountAliases', (client, sdk, options) =>
        client.send(new sdk.ListAccountAliasesCommand({}), options),
      )
      .then((out) => ({ aliases: out.AccountAliases ?? [], aliasError: undefined }))
      .catch((error: unknown) => {
        if (!isToolError(error)) throw error;
        return { aliases: undefined, aliasError: error.message };
      }),
  ]);
  return { ...aliases, summary: summary.SummaryMap ?? {} };
}

export function formatRegions(rows: readonly RegionRow[], defaultRegion: string): string {
  if (rows.length === 0) return 'No regions are enabled for this account (or DescribeRegions returned none).';
  const table = renderTable(
    ['REGION', 'OPT-IN', 'DEFAULT'],
    rows.map((r) => [r.name, r.optInStatus, r.name === defaultRegion ? '*' : '']),
  );
  return `${rows.length} region(s) enabled for this account; default ${defaultRegion}\n${table}`;
}

// Resource -> [count key, quota key]; the ones an SRE hits in practice.
const QUOTAS: [string, string, string][] = [
  ['Users', 'Users', 'UsersQuota'],
  ['Roles', 'Roles', 'RolesQuota'],
  ['Groups', 'Groups', 'GroupsQuota'],
  ['Customer managed policies', 'Policies', 'PoliciesQuota'],
  ['Instance profiles', 'InstanceProfiles', 'InstanceProfilesQuota'],
  ['Server certificates', 'ServerCertificates', 'ServerCertificatesQuota'],
  ['Policy versions in use', 'PolicyVersionsInUse', 'PolicyVersionsInUseQuota'],
];

function quotaRows(summary: Record<string, number>): { rows: string[][]; hot: string[] } {
  const rows: string[][] = [];
  const hot: string[] = [];
  for (const [label, countKey, quotaKey] of QUOTAS) {
    const count = summary[countKey];
    const quota = summary[quotaKey];
    if (count === undefined) continue;
    const percent = quota ? Math.round((count / quota) * 100) : undefined;
    if (percent !== undefined && percent >= 80)
      hot.push(`${label} at ${percent}% of quota (${count}/${quota})`);
    rows.push([
      label,
      String(count),
      quota === undefined ? '-' : String(quota),
      percent === undefined ? '-' : `${percent}%`,
    ]);
  }
  return { rows, hot };
}

export function formatAccountSummary(result: AccountSummary): string {
  const s = result.summary;
  const alias = result.aliases
    ? result.aliases.join(', ') || '(none set)'
    : `unknown (${result.aliasError ?? 'not available'})`;
  const { rows, hot } = quotaRows(s);
  const warnings = [...hot];
  if (s.AccountMFAEnabled === 0) warnings.push('root user has no MFA');
  if ((s.AccountAccessKeysPresent ?? 0) > 0) warnings.push('root user has access keys (delete them)');
  const lines = [
    `Account alias: ${alias}`,
    `Root MFA: ${s.AccountMFAEnabled === 1 ? 'enabled' : 'NOT enabled'}; root access keys: ${(s.AccountAccessKeysPresent ?? 0) > 0 ? 'PRESENT' : 'none'}`,
    `MFA devices: ${s.MFADevicesInUse ?? '?'} in use of ${s.MFADevices ?? '?'}; identity providers: ${s.Providers ?? '?'}`,
    renderTable(['RESOURCE', 'USED', 'QUOTA', 'USED%'], rows),
  ];
  lines.push(
    warnings.length > 0
      ? `Attention: ${warnings.join('; ')}.`
      : 'No quota above 80% and root is locked down.',
  );
  return lines.join('\n');
}
