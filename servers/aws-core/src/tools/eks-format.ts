import { fenceUntrusted, formatAge, renderTable } from '@sre-agent/shared';
import { OTHER_REGIONS_HINT } from '../args.js';
import type { KubeContextLookup } from '../kube-context.js';

export interface EksClusterRow {
  name: string;
  arn: string | undefined;
  region: string;
  version: string;
  platformVersion: string;
  status: string;
  endpoint: string | undefined;
  publicAccess: boolean;
  privateAccess: boolean;
  publicCidrs: string[];
  createdAt: string | undefined;
  /** How the kube context matches this cluster (endpoint, arn, exec); undefined when it does not. */
  kubeMatch: string | undefined;
}

export interface EksNodegroupRow {
  name: string;
  status: string;
  version: string;
  capacityType: string;
  instanceTypes: string[];
  desired: number | undefined;
  min: number | undefined;
  max: number | undefined;
  issues: string[];
}

export function endpointAccess(
  row: Pick<EksClusterRow, 'publicAccess' | 'privateAccess' | 'publicCidrs'>,
): string {
  const open = row.publicCidrs.length === 0 || row.publicCidrs.includes('0.0.0.0/0');
  const pub = row.publicAccess ? `public${open ? '' : ` (${row.publicCidrs.join(',')})`}` : '';
  return [pub, row.privateAccess ? 'private' : ''].filter(Boolean).join(' + ') || 'none';
}

export function kubeContextLine(lookup: KubeContextLookup, rows: readonly EksClusterRow[]): string {
  if (lookup.status !== 'ok') return `Kube context: unknown (${lookup.reason}).`;
  const match = rows.find((r) => r.kubeMatch);
  const ctx = `"${lookup.ref.context}"`;
  if (match) return `Kube context ${ctx} is cluster ${match.name} (matched by ${match.kubeMatch}).`;
  return `Kube context ${ctx} (${lookup.ref.server ?? lookup.ref.cluster}) is none of these clusters.`;
}

export function formatClusters(
  rows: readonly EksClusterRow[],
  nodegroupCounts: ReadonlyMap<string, number | undefined>,
  region: string,
  lookup: KubeContextLookup,
  now: Date,
): string {
  if (rows.length === 0)
    return `No EKS clusters in ${region}. ${OTHER_REGIONS_HINT}\n${kubeContextLine(lookup, rows)}`;
  const table = renderTable(
    ['NAME', 'VERSION', 'STATUS', 'ENDPOINT-ACCESS', 'NODEGROUPS', 'AGE', 'KUBE-CONTEXT'],
    rows.map((r) => [
      r.name,
      r.version,
      r.status,
      endpointAccess(r),
      String(nodegroupCounts.get(r.name) ?? '?'),
      formatAge(r.createdAt, now),
      r.kubeMatch && lookup.status === 'ok' ? `* ${lookup.ref.context}` : '',
    ]),
  );
  return `${rows.length} EKS cluster(s) in ${region}\n${table}\n${kubeContextLine(lookup, rows)}`;
}

export function formatCluster(
  cluster: EksClusterRow,
  nodegroups: readonly EksNodegroupRow[],
  lookup: KubeContextLookup,
  now: Date,
): string {
  const head = [
    `EKS cluster ${cluster.name} (${cluster.region}): ${cluster.status}, Kubernetes ${cluster.version} (platform ${cluster.platformVersion}), age ${formatAge(cluster.createdAt, now)}`,
    `ARN:       ${cluster.arn ?? '?'}`,
    `Endpoint:  ${cluster.endpoint ?? '?'} (access: ${endpointAccess(cluster)})`,
    kubeContextLine(lookup, [cluster]),
  ];
  const stale = nodegroups.filter((n) => n.version !== cluster.version).map((n) => n.name);
  if (stale.length > 0)
    head.push(`Version skew: node group(s) ${stale.join(', ')} are not on ${cluster.version}.`);
  if (nodegroups.length === 0)
    return `${head.join('\n')}\nNo managed node groups (Fargate, Karpenter or self-managed nodes?).`;
  head.push(`Node groups (${nodegroups.length}):`);
  head.push(
    renderTable(
      ['NAME', 'STATUS', 'VERSION', 'CAPACITY', 'INSTANCE-TYPES', 'DESIRED', 'MIN', 'MAX'],
      nodegroups.map((n) => [
        n.name,
        n.status,
        n.version,
        n.capacityType,
        n.instanceTypes.join(','),
        String(n.desired ?? '?'),
        String(n.min ?? '?'),
        String(n.max ?? '?'),
      ]),
    ),
  );
  const issues = nodegroups.flatMap((n) => n.issues.map((issue) => `${n.name}: ${issue}`));
  const text = head.join('\n');
  if (issues.length === 0) return text;
  // Health messages are AWS-written but quote resource names and launch errors: data, not instructions.
  return `${text}\nHealth issues:\n${fenceUntrusted(`EKS node group health of ${cluster.name}`, issues.join('\n'))}`;
}
