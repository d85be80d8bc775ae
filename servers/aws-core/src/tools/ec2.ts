import { defineTool, fenceUntrusted, formatAge, renderTable } from '@sre-agent/shared';
import { z } from 'zod';
import { OTHER_REGIONS_HINT, outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession, Ec2Filter, Ec2Instance } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';
import type { AwsCoreToolDeps } from '../deps.js';

export interface Ec2InstanceRow {
  id: string;
  name: string;
  type: string;
  state: string;
  az: string;
  privateIp: string;
  publicIp: string;
  launchTime: string | undefined;
}

const STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] as const;
// A runaway account (or a token loop) must not keep a tool call paging forever.
const MAX_PAGES = 50;

export function ec2Tools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'list_ec2_instances',
      description:
        'List EC2 instances in a region (all pages): id, Name tag, type, state, availability zone, private and public IP, launch age. Filter by state or tag to keep the answer short.',
      input: {
        region: regionArg,
        states: z
          .array(z.enum(STATES))
          .min(1)
          .optional()
          .describe('Only instances in these states, e.g. ["running"]; default all'),
        tag: z
          .string()
          .min(1)
          .max(256)
          .regex(/^[^=]+(=.*)?$/, 'use "key" or "key=value"')
          .optional()
          .describe('Tag filter: "key=value" (value may use * and ? wildcards) or just "key" for any value'),
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('List EC2 instances'),
      async handler({ region, states, tag, role_name, output }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const { rows, complete } = await listInstances(session, buildFilters(states, tag));
        if (output === 'json') return { json: rows, moreHint: MORE_HINT };
        return { text: formatInstances(rows, session.region, complete, deps.now()), moreHint: MORE_HINT };
      },
    }),
  ];
}

const MORE_HINT = 'Narrow with states (e.g. ["running"]) or tag (e.g. "team=payments").';

export function buildFilters(states: readonly string[] | undefined, tag: string | undefined): Ec2Filter[] {
  const filters: Ec2Filter[] = [];
  if (states) filters.push({ Name: 'instance-state-name', Values: [...states] });
  if (tag) {
    const separator = tag.indexOf('=');
    if (separator < 0) filters.push({ Name: 'tag-key', Values: [tag.trim()] });
    else filters.push({ Name: `tag:${tag.slice(0, separator).trim()}`, Values: [tag.slice(separator + 1)] });
  }
  return filters;
}

async function listInstances(session: AwsSession, filters: Ec2Filter[]) {
  const { items: rows, complete } = await collectPages(async (token) => {
    const out = await session.call('ec2', 'DescribeInstances', (client, sdk, options) =>
      client.send(
        new sdk.DescribeInstancesCommand({
          MaxResults: 1000,
          ...(filters.length > 0 ? { Filters: filters } : {}),
          ...(token ? { NextToken: token } : {}),
        }),
        options,
      ),
    );
    return {
      items: (out.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map(toRow)),
      next: out.NextToken,
    };
  }, MAX_PAGES);
  return { rows, complete };
}

function toRow(instance: Ec2Instance): Ec2InstanceRow {
  return {
    id: instance.InstanceId ?? '?',
    name: instance.Tags?.find((t) => t.Key === 'Name')?.Value ?? '',
    type: instance.InstanceType ?? '?',
    state: instance.State?.Name ?? 'unknown',
    az: instance.Placement?.AvailabilityZone ?? '',
    privateIp: instance.PrivateIpAddress ?? '',
    publicIp: instance.PublicIpAddress ?? '',
    launchTime: instance.LaunchTime?.toISOString(),
  };
}

const STATE_ORDER: Record<string, number> = Object.fromEntries(STATES.map((s, i) => [s, i]));

export function formatInstances(
  rows: readonly Ec2InstanceRow[],
  region: string,
  complete: boolean,
  now: Date,
): string {
  if (rows.length === 0) return `No EC2 instances match in ${region}. ${OTHER_REGIONS_HINT}`;
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  const byState = [...counts]
    .sort(([a], [b]) => (STATE_ORDER[a] ?? 9) - (STATE_ORDER[b] ?? 9))
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
  const partial = complete ? '' : ` (stopped after ${MAX_PAGES} pages; narrow the filter to see the rest)`;
  const header = `${rows.length} EC2 instance(s) in ${region}: ${byState}${partial}`;
  const sorted = [...rows].sort(
    (a, b) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9) || a.name.localeCompare(b.name),
  );
  const table = renderTable(
    ['ID', 'NAME', 'TYPE', 'STATE', 'AZ', 'PRIVATE-IP', 'PUBLIC-IP', 'AGE'],
    sorted.map((r) => [
      r.id,
      r.name || '-',
      r.type,
      r.state,
      r.az,
      r.privateIp || '-',
      r.publicIp || '-',
      formatAge(r.launchTime, now),
    ]),
  );
  // Name tags are free text set by anyone with ec2:CreateTags, so the table is fenced as data; a
  // budget cut closes the fence before its notice (shared fitToBudget).
  return `${header}\n${fenceUntrusted(`EC2 instances in ${region}`, table)}`;
}
