// Elastic Load Balancing v2 over awsQuery (the protocol of the current SDK client):
// DescribeLoadBalancers and DescribeTargetGroups paged by Marker/PageSize, DescribeTargetHealth
// unpaged. Lists arrive as `Names.member.1`, answers as `<member>` lists.
import type { Elbv2Fixtures, LoadBalancerFixture, TargetGroupFixture } from './elbv2-fixtures.ts';
import type { FakeState } from './fake-state.ts';
import { type FakeResponse, queryResponse } from './protocol.ts';
import { refuse, type ServiceFake, type ServiceRequest, validationError } from './service-request.ts';
import { type XmlNode, type XmlValue, xmlBody, xmlList } from './xml.ts';

const OPERATIONS = new Set(['DescribeLoadBalancers', 'DescribeTargetGroups', 'DescribeTargetHealth']);

/** `Names.member.1`, `Names.member.2`, ... in order. */
function memberList(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) values.push(params.get(`${name}.member.${i}`)!);
  return values;
}

const members = (items: XmlValue[]) => xmlList('member', items);

/** A Marker/PageSize page of `items`, or the ValidationError AWS gives for a bad PageSize. */
function page<T>(request: ServiceRequest, items: T[], cap: number) {
  const size = Number(request.params.get('PageSize') ?? '400');
  if (!Number.isInteger(size) || size < 1 || size > 400) {
    return {
      error: validationError(`Page size '${request.params.get('PageSize')}' must be between 1 and 400`),
    };
  }
  const marker = request.params.get('Marker');
  const start = marker === null ? 0 : Number(Buffer.from(marker, 'base64url').toString().replace('elb:', ''));
  const slice = items.slice(start, start + Math.min(size, cap));
  const next = start + slice.length;
  const nextMarker = next < items.length ? Buffer.from(`elb:${next}`).toString('base64url') : undefined;
  return { slice, nextMarker };
}

function loadBalancerXml(lb: LoadBalancerFixture): XmlNode {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    CreatedTime: lb.createdAt,
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: 'vpc-0fake1234',
    State: { Code: lb.state },
    Type: lb.type,
    IpAddressType: 'ipv4',
  };
}

function targetGroupXml(tg: TargetGroupFixture): XmlNode {
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: 'vpc-0fake1234',
    HealthCheckProtocol: tg.protocol,
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: tg.healthCheckPath,
    Matcher: tg.protocol.startsWith('HTTP') ? { HttpCode: '200' } : undefined,
    LoadBalancerArns: members(tg.loadBalancerArns),
    TargetType: tg.targetType,
  };
}

const notFound = (what: 'load balancers' | 'target groups') => ({
  code: what === 'load balancers' ? 'LoadBalancerNotFound' : 'TargetGroupNotFound',
  status: 400,
  message: `One or more ${what} not found`,
});

function describeLoadBalancers(request: ServiceRequest, elb: Elbv2Fixtures): FakeResponse {
  const all = elb.loadBalancers[request.region] ?? [];
  const arns = memberList(request.params, 'LoadBalancerArns');
  const names = memberList(request.params, 'Names');
  const wanted = all.filter(
    (lb) => (arns.length === 0 || arns.includes(lb.arn)) && (names.length === 0 || names.includes(lb.name)),
  );
  if (wanted.length < arns.length + names.length) return refuse(request, notFound('load balancers'));
  const result = page(request, wanted, elb.pageSize);
  if ('error' in result) return refuse(request, result.error!);
  const body = xmlBody({
    LoadBalancers: members(result.slice.map(loadBalancerXml)),
    NextMarker: result.nextMarker,
  });
  return queryResponse('elasticloadbalancing', 'DescribeLoadBalancers', body, request.requestId);
}

function describeTargetGroups(request: ServiceRequest, elb: Elbv2Fixtures): FakeResponse {
  const all = elb.targetGroups[request.region] ?? [];
  const lbArn = request.params.get('LoadBalancerArn');
  const arns = memberList(request.params, 'TargetGroupArns');
  const names = memberList(request.params, 'Names');
  if ([lbArn !== null, arns.length > 0, names.length > 0].filter(Boolean).length > 1) {
    return refuse(request, validationError('Specify only one of LoadBalancerArn, TargetGroupArns or Names'));
  }
  if (lbArn !== null && !(elb.loadBalancers[request.region] ?? []).some((lb) => lb.arn === lbArn)) {
    return refuse(request, notFound('load balancers'));
  }
  const wanted = all.filter(
    (tg) =>
      (lbArn === null || tg.loadBalancerArns.includes(lbArn)) &&
      (arns.length === 0 || arns.includes(tg.arn)) &&
      (names.length === 0 || names.includes(tg.name)),
  );
  if (wanted.length < arns.length + names.length) return refuse(request, notFound('target groups'));
  const result = page(request, wanted, elb.pageSize);
  if ('error' in result) return refuse(request, result.error!);
  const body = xmlBody({
    TargetGroups: members(result.slice.map(targetGroupXml)),
    NextMarker: result.nextMarker,
  });
  return queryResponse('elasticloadbalancing', 'DescribeTargetGroups', body, request.requestId);
}

function describeTargetHealth(request: ServiceRequest, elb: Elbv2Fixtures): FakeResponse {
  const arn = request.params.get('TargetGroupArn');
  if (arn === null) return refuse(request, validationError('A target group ARN must be specified'));
  const tg = (elb.targetGroups[request.region] ?? []).find((t) => t.arn === arn);
  if (!tg) return refuse(request, notFound('target groups'));
  const descriptions = tg.targets.map((t) => ({
    Target: { Id: t.id, Port: t.port, AvailabilityZone: t.az },
    HealthCheckPort: String(t.port),
    TargetHealth: { State: t.state, Reason: t.reason, Description: t.description },
  }));
  const body = xmlBody({ TargetHealthDescriptions: members(descriptions) });
  return queryResponse('elasticloadbalancing', 'DescribeTargetHealth', body, request.requestId);
}

export const elbv2Fake: ServiceFake = {
  operation: (request) => {
    const action = request.params.get('Action') ?? '';
    return OPERATIONS.has(action) ? action : undefined;
  },
  handle(operation, request, state: FakeState) {
    const elb = state.fixtures.elbv2;
    if (operation === 'DescribeLoadBalancers') return describeLoadBalancers(request, elb);
    if (operation === 'DescribeTargetGroups') return describeTargetGroups(request, elb);
    return describeTargetHealth(request, elb);
  },
};
