import { defineTool, isToolError, mapLimit, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession, EksClusterShape, EksNodegroupShape } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';
import type { AwsCoreToolDeps } from '../deps.js';
import { type KubeContextLookup, matchEksCluster, readKubeContext } from '../kube-context.js';
import { type EksClusterRow, type EksNodegroupRow, formatCluster, formatClusters } from './eks-format.js';

const MAX_PAGES = 20;
const DESCRIBE_MORE_HINT = 'Describe one node group in the AWS console.';

export function eksTools(deps: AwsCoreToolDeps) {
  const kubeContext = () =>
    readKubeContext({ kubeconfigPath: deps.config.kubeconfigPath, context: deps.config.kubeContext });
  return [
    defineTool({
      name: 'list_eks_clusters',
      description:
        'List EKS clusters in a region: Kubernetes version, status, endpoint access, node group count, and which one the current kube context points at (so Kubernetes and AWS answers line up).',
      input: { region: regionArg, role_name: roleNameArg, output: outputArg },
      annotations: readOnly('List EKS clusters'),
      async handler({ region, role_name, output }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const [names, lookup] = await Promise.all([
          listNames(session, 'ListClusters', undefined),
          kubeContext(),
        ]);
        const clusters = await mapLimit(names, 5, (name) => describeCluster(session, name, lookup));
        const rows = clusters.filter((c): c is EksClusterRow => c !== undefined);
        const counts = await nodegroupCounts(session, rows);
        if (output === 'json') return { json: rows.map((r) => ({ ...r, nodegroups: counts.get(r.name) })) };
        return { text: formatClusters(rows, counts, session.region, lookup, deps.now()) };
      },
    }),
    defineTool({
      name: 'describe_eks_cluster',
      description:
        'Describe one EKS cluster: status, Kubernetes and platform version, endpoint and its access, each managed node group (status, version, capacity type, instance types, sizes, health issues), and whether the current kube context points at it.',
      input: {
        name: z
          .string()
          .regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/, 'an EKS cluster name is letters, digits, "-" and "_"')
          .describe('EKS cluster name, as list_eks_clusters shows it'),
        region: regionArg,
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('Describe an EKS cluster'),
      async handler({ name, region, role_name, output }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const lookup = await kubeContext();
        const cluster = await describeCluster(session, name, lookup);
        if (!cluster) throw await clusterNotFound(session, name);
        const nodegroupNames = await listNames(session, 'ListNodegroups', name);
        const nodegroups = await mapLimit(nodegroupNames, 5, (ng) => describeNodegroup(session, name, ng));
        if (output === 'json') return { json: { cluster, nodegroups } };
        return { text: formatCluster(cluster, nodegroups, lookup, deps.now()), moreHint: DESCRIBE_MORE_HINT };
      },
    }),
  ];
}

async function nodegroupCounts(session: AwsSession, rows: readonly EksClusterRow[]) {
  const counts = new Map<string, number | undefined>();
  await mapLimit(rows, 5, async (row) => {
    // A count is a detail: a refused ListNodegroups shows "?" rather than failing the list.
    const names = await listNames(session, 'ListNodegroups', row.name).catch((error: unknown) => {
      if (!isToolError(error)) throw error;
      return undefined;
    });
    counts.set(row.name, names?.length);
  });
  return counts;
}

async function listNames(
  session: AwsSession,
  operation: 'ListClusters' | 'ListNodegroups',
  cluster: string | undefined,
) {
  const { items } = await collectPages(
    (token) =>
      session.call('eks', operation, (client, sdk, options) => {
        const paging = { maxResults: 100, ...(token ? { nextToken: token } : {}) };
        return cluster === undefined
          ? client
              .send(new sdk.ListClustersCommand(paging), options)
              .then((o) => ({ items: o.clusters, next: o.nextToken }))
          : client
              .send(new sdk.ListNodegroupsCommand({ clusterName: cluster, ...paging }), options)
              .then((o) => ({ items: o.nodegroups, next: o.nextToken }));
      }),
    MAX_PAGES,
  );
  return items;
}

async function describeCluster(session: AwsSession, name: string, lookup: KubeContextLookup) {
  const cluster = await session.call('eks', 'DescribeCluster', (client, sdk, options) =>
    client
      .send(new sdk.DescribeClusterCommand({ name }), options)
      .then((out) => out.cluster)
      .catch((error: unknown) => {
        if (error instanceof sdk.ResourceNotFoundException) return undefined;
        throw error;
      }),
  );
  return cluster ? toClusterRow(cluster, session.region, lookup) : undefined;
}

function toClusterRow(c: EksClusterShape, region: string, lookup: KubeContextLookup): EksClusterRow {
  const identity = { name: c.name ?? '?', region, arn: c.arn, endpoint: c.endpoint };
  return {
    ...identity,
    version: c.version ?? '?',
    platformVersion: c.platformVersion ?? '?',
    status: c.status ?? 'UNKNOWN',
    publicAccess: c.resourcesVpcConfig?.endpointPublicAccess ?? false,
    privateAccess: c.resourcesVpcConfig?.endpointPrivateAccess ?? false,
    publicCidrs: c.resourcesVpcConfig?.publicAccessCidrs ?? [],
    createdAt: c.createdAt?.toISOString(),
    kubeMatch: lookup.status === 'ok' ? matchEksCluster(lookup.ref, identity) : undefined,
  };
}

async function describeNodegroup(
  session: AwsSession,
  cluster: string,
  nodegroup: string,
): Promise<EksNodegroupRow> {
  const out = await session.call('eks', 'DescribeNodegroup', (client, sdk, options) =>
    client.send(
      new sdk.DescribeNodegroupCommand({ clusterName: cluster, nodegroupName: nodegroup }),
      options,
    ),
  );
  return toNodegroupRow(out.nodegroup ?? { nodegroupName: nodegroup });
}

function toNodegroupRow(n: EksNodegroupShape): EksNodegroupRow {
  return {
    name: n.nodegroupName ?? '?',
    status: n.status ?? 'UNKNOWN',
    version: n.version ?? '?',
    capacityType: n.capacityType ?? '?',
    instanceTypes: n.instanceTypes ?? [],
    desired: n.scalingConfig?.desiredSize,
    min: n.scalingConfig?.minSize,
    max: n.scalingConfig?.maxSize,
    issues: (n.health?.issues ?? []).map((i) => `${i.code ?? 'Issue'}: ${i.message ?? ''}`.trim()),
  };
}

async function clusterNotFound(session: AwsSession, name: string): Promise<ToolError> {
  const names = await listNames(session, 'ListClusters', undefined);
  const close = names.filter(
    (n) => n.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(n.toLowerCase()),
  );
  const known =
    names.length > 0
      ? `Clusters in ${session.region}: ${names.join(', ')}.`
      : `There are no EKS clusters in ${session.region}.`;
  const guess = close.length > 0 ? ` Did you mean "${close[0]}"?` : '';
  return new ToolError(
    `EKS cluster "${name}" not found in ${session.region}.${guess}`,
    `${known} Another region? Pass region, or call list_eks_clusters.`,
  );
}
