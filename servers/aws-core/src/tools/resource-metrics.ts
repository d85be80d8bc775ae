// A resource id or ARN to its standard CloudWatch metrics: the namespace, the dimensions that
// name it there, and the metrics an SRE looks at first, each with the statistic that makes sense.
import { ToolError } from '@sre-agent/shared';
import type { AwsSession } from '../aws-session.js';
import type { MetricSpec } from './metric-data.js';
import { findTargetGroup, loadBalancerArn } from './target-health.js';

export const RESOURCE_TYPES = [
  'ec2',
  'rds',
  'load-balancer',
  'target-group',
  'lambda',
  'eks-nodegroup',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface ResolvedResource {
  label: string;
  specs: MetricSpec[];
}

type MetricList = [metric: string, stat: string][];

const EC2: MetricList = [
  ['CPUUtilization', 'Average'],
  ['StatusCheckFailed', 'Maximum'],
  ['NetworkIn', 'Sum'],
  ['NetworkOut', 'Sum'],
];
const RDS: MetricList = [
  ['CPUUtilization', 'Average'],
  ['DatabaseConnections', 'Average'],
  ['FreeStorageSpace', 'Minimum'],
  ['FreeableMemory', 'Minimum'],
  ['ReadLatency', 'Average'],
  ['WriteLatency', 'Average'],
];
const ALB: MetricList = [
  ['RequestCount', 'Sum'],
  ['HTTPCode_Target_5XX_Count', 'Sum'],
  ['HTTPCode_ELB_5XX_Count', 'Sum'],
  ['TargetResponseTime', 'Average'],
];
const NLB: MetricList = [
  ['ActiveFlowCount', 'Average'],
  ['NewFlowCount', 'Sum'],
  ['TCP_Target_Reset_Count', 'Sum'],
  ['ProcessedBytes', 'Sum'],
];
const ALB_TG: MetricList = [
  ['HealthyHostCount', 'Minimum'],
  ['UnHealthyHostCount', 'Maximum'],
  ['RequestCount', 'Sum'],
  ['HTTPCode_Target_5XX_Count', 'Sum'],
  ['TargetResponseTime', 'Average'],
];
const NLB_TG: MetricList = [
  ['HealthyHostCount', 'Minimum'],
  ['UnHealthyHostCount', 'Maximum'],
];
const LAMBDA: MetricList = [
  ['Invocations', 'Sum'],
  ['Errors', 'Sum'],
  ['Throttles', 'Sum'],
  ['Duration', 'Average'],
  ['ConcurrentExecutions', 'Maximum'],
];

const specs = (namespace: string, dimensions: Record<string, string>, list: MetricList): MetricSpec[] =>
  list.map(([metricName, stat]) => ({ namespace, metricName, dimensions, stat }));

/** `arn:aws:elasticloadbalancing:r:a:loadbalancer/app/web-alb/50dc...` -> `app/web-alb/50dc...`. */
const afterPrefix = (arn: string, prefix: string) => arn.slice(arn.indexOf(prefix) + prefix.length);

/** The region in an ARN, so a resource in another region needs no region argument. */
export function arnRegion(resource: string): string | undefined {
  const parts = resource.split(':');
  return resource.startsWith('arn:') && parts[3] ? parts[3] : undefined;
}

/** The type a resource names by its shape, when it does. */
export function inferType(resource: string): ResourceType | undefined {
  if (/^i-[0-9a-f]{8,17}$/.test(resource)) return 'ec2';
  const service = resource.startsWith('arn:') ? resource.split(':')[2] : undefined;
  if (service === 'ec2' && resource.includes(':instance/')) return 'ec2';
  if (service === 'rds' && resource.includes(':db:')) return 'rds';
  if (service === 'lambda') return 'lambda';
  if (service === 'eks' && resource.includes(':nodegroup/')) return 'eks-nodegroup';
  if (service === 'elasticloadbalancing')
    return resource.includes(':targetgroup/') ? 'target-group' : 'load-balancer';
  return undefined;
}

async function loadBalancer(session: AwsSession, resource: string): Promise<ResolvedResource> {
  const dimension = afterPrefix(await loadBalancerArn(session, resource), ':loadbalancer/');
  const network = dimension.startsWith('net/');
  const list = network ? NLB : ALB;
  return {
    label: `load balancer ${dimension}`,
    specs: specs(network ? 'AWS/NetworkELB' : 'AWS/ApplicationELB', { LoadBalancer: dimension }, list),
  };
}

async function targetGroup(session: AwsSession, resource: string): Promise<ResolvedResource> {
  const [group] = await findTargetGroup(session, resource);
  const lb = group?.LoadBalancerArns?.[0];
  const arn = group?.TargetGroupArn ?? '';
  const tg = arn.slice(arn.lastIndexOf(':') + 1);
  if (!lb) {
    throw new ToolError(
      `Target group "${resource}" is not attached to a load balancer, so it has no metrics.`,
      'Call get_target_health for its targets.',
    );
  }
  // Target group metrics are published per load balancer and target group together.
  const dimensions = { TargetGroup: tg, LoadBalancer: afterPrefix(lb, ':loadbalancer/') };
  const network = ['TCP', 'UDP', 'TLS', 'TCP_UDP'].includes(group?.Protocol ?? '');
  return {
    label: `target group ${group?.TargetGroupName ?? resource}`,
    specs: specs(network ? 'AWS/NetworkELB' : 'AWS/ApplicationELB', dimensions, network ? NLB_TG : ALB_TG),
  };
}

async function eksNodegroup(session: AwsSession, resource: string): Promise<ResolvedResource> {
  // arn:aws:eks:r:a:nodegroup/<cluster>/<nodegroup>/<uuid>, or "<cluster>/<nodegroup>".
  const [cluster, nodegroup] = resource.startsWith('arn:')
    ? afterPrefix(resource, ':nodegroup/').split('/')
    : resource.split('/');
  if (!cluster || !nodegroup) {
    throw new ToolError(
      `"${resource}" does not name an EKS node group.`,
      'Pass its ARN or "<cluster>/<nodegroup>".',
    );
  }
  const out = await session.call('eks', 'DescribeNodegroup', (client, sdk, options) =>
    client.send(
      new sdk.DescribeNodegroupCommand({ clusterName: cluster, nodegroupName: nodegroup }),
      options,
    ),
  );
  const groups = out.nodegroup?.resources?.autoScalingGroups?.flatMap((g) => (g.name ? [g.name] : [])) ?? [];
  if (groups.length === 0) {
    throw new ToolError(
      `Node group ${cluster}/${nodegroup} has no Auto Scaling group yet.`,
      'Call describe_eks_cluster for its status.',
    );
  }
  // EC2 publishes instance metrics aggregated by Auto Scaling group.
  return {
    label: `EKS node group ${cluster}/${nodegroup}`,
    specs: groups.flatMap((g) => specs('AWS/EC2', { AutoScalingGroupName: g }, EC2)),
  };
}

/** The metrics of a resource; ids that need a lookup (load balancers, node groups) call AWS. */
export async function resolveResource(
  session: AwsSession,
  resource: string,
  type: ResourceType,
): Promise<ResolvedResource> {
  switch (type) {
    case 'ec2': {
      const id = resource.startsWith('arn:') ? afterPrefix(resource, ':instance/') : resource;
      return { label: `EC2 instance ${id}`, specs: specs('AWS/EC2', { InstanceId: id }, EC2) };
    }
    case 'rds': {
      const id = resource.startsWith('arn:') ? afterPrefix(resource, ':db:') : resource;
      return { label: `RDS instance ${id}`, specs: specs('AWS/RDS', { DBInstanceIdentifier: id }, RDS) };
    }
    case 'lambda': {
      const name = resource.startsWith('arn:') ? (resource.split(':')[6] ?? resource) : resource;
      return { label: `Lambda function ${name}`, specs: specs('AWS/Lambda', { FunctionName: name }, LAMBDA) };
    }
    case 'load-balancer':
      return loadBalancer(session, resource);
    case 'target-group':
      return targetGroup(session, resource);
    case 'eks-nodegroup':
      return eksNodegroup(session, resource);
  }
}
