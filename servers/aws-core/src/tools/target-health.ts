import { defineTool, mapLimit, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession, TargetGroupShape } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';
import type { AwsCoreToolDeps } from '../deps.js';
import { formatTargetHealth, type TargetGroupHealth, toTargetRow } from './target-health-format.js';

const MAX_PAGES = 10;

export function targetHealthTools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'get_target_health',
      description: 'ELBv2 target health (state, reason, description), unhealthy first.',
      input: {
        load_balancer: z.string().min(1).optional().describe('ALB/NLB name or ARN'),
        target_group: z.string().min(1).optional().describe('Or a target group name or ARN'),
        region: regionArg,
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('Get load balancer target health'),
      async handler({ load_balancer, target_group, region, role_name, output }, context) {
        if ((load_balancer === undefined) === (target_group === undefined)) {
          throw new ToolError(
            'Pass exactly one of load_balancer or target_group.',
            'e.g. {"load_balancer": "web-alb"} or {"target_group": "web-tg"}.',
          );
        }
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const groups = load_balancer
          ? await groupsOfLoadBalancer(session, load_balancer)
          : await findTargetGroup(session, target_group!);
        const health = await mapLimit(groups, 4, (group) => describeHealth(session, group));
        if (output === 'json') return { json: health };
        return { text: formatTargetHealth(health, load_balancer ?? target_group!, session.region) };
      },
    }),
  ];
}

const isArn = (value: string) => value.startsWith('arn:');

/** The load balancer's ARN, or a ToolError naming the load balancers that do exist. */
export async function loadBalancerArn(session: AwsSession, nameOrArn: string): Promise<string> {
  const found = await session.call('elasticloadbalancing', 'DescribeLoadBalancers', (client, sdk, options) =>
    client
      .send(
        new sdk.DescribeLoadBalancersCommand(
          isArn(nameOrArn) ? { LoadBalancerArns: [nameOrArn] } : { Names: [nameOrArn] },
        ),
        options,
      )
      .then((out) => out.LoadBalancers?.[0]?.LoadBalancerArn)
      .catch((error: unknown) => {
        if (error instanceof sdk.LoadBalancerNotFoundException) return undefined;
        throw error;
      }),
  );
  if (found) return found;
  const names = await session.call('elasticloadbalancing', 'DescribeLoadBalancers', (client, sdk, options) =>
    client
      .send(new sdk.DescribeLoadBalancersCommand({ PageSize: 50 }), options)
      .then((out) => (out.LoadBalancers ?? []).map((lb) => lb.LoadBalancerName ?? '?')),
  );
  throw new ToolError(
    `Load balancer "${nameOrArn}" not found in ${session.region}.`,
    names.length > 0
      ? `Load balancers there: ${names.join(', ')}. Or pass region.`
      : 'There are none in this region: pass region.',
  );
}

async function groupsOfLoadBalancer(session: AwsSession, nameOrArn: string): Promise<TargetGroupShape[]> {
  const arn = await loadBalancerArn(session, nameOrArn);
  const { items } = await collectPages(async (marker) => {
    const out = await session.call('elasticloadbalancing', 'DescribeTargetGroups', (client, sdk, options) =>
      client.send(
        new sdk.DescribeTargetGroupsCommand({ LoadBalancerArn: arn, ...(marker ? { Marker: marker } : {}) }),
        options,
      ),
    );
    return { items: out.TargetGroups, next: out.NextMarker };
  }, MAX_PAGES);
  return items;
}

/** One target group by name or ARN. */
export async function findTargetGroup(session: AwsSession, nameOrArn: string): Promise<TargetGroupShape[]> {
  const groups = await session.call('elasticloadbalancing', 'DescribeTargetGroups', (client, sdk, options) =>
    client
      .send(
        new sdk.DescribeTargetGroupsCommand(
          isArn(nameOrArn) ? { TargetGroupArns: [nameOrArn] } : { Names: [nameOrArn] },
        ),
        options,
      )
      .then((out) => out.TargetGroups ?? [])
      .catch((error: unknown) => {
        if (error instanceof sdk.TargetGroupNotFoundException) return [];
        throw error;
      }),
  );
  if (groups.length > 0) return groups;
  throw new ToolError(
    `Target group "${nameOrArn}" not found in ${session.region}.`,
    'Check the name and region, or pass load_balancer to see all its target groups.',
  );
}

async function describeHealth(session: AwsSession, group: TargetGroupShape): Promise<TargetGroupHealth> {
  const out = await session.call('elasticloadbalancing', 'DescribeTargetHealth', (client, sdk, options) =>
    client.send(new sdk.DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }), options),
  );
  return {
    name: group.TargetGroupName ?? '?',
    arn: group.TargetGroupArn ?? '?',
    protocol: group.Protocol ?? '',
    port: group.Port,
    targetType: group.TargetType ?? '',
    healthCheckPath: group.HealthCheckPath,
    loadBalancers: group.LoadBalancerArns?.length ?? 0,
    targets: (out.TargetHealthDescriptions ?? []).map(toTargetRow),
  };
}
