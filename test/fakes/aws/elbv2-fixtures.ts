// Load balancers, target groups and target health for the ELBv2 fake, in us-east-1: the incident's
// web-alb/web-tg (web-2 failing its health checks), a healthy NLB, and an internal ALB whose
// targets show the other states (draining, initial, unused).
import { ACCOUNT_ID } from './account-id.ts';
import { daysAgo } from './days-ago.ts';
import { INCIDENT } from './incident-scenario.ts';

export interface LoadBalancerFixture {
  name: string;
  arn: string;
  type: 'application' | 'network';
  scheme: 'internet-facing' | 'internal';
  dnsName: string;
  state: 'active' | 'provisioning' | 'failed';
  createdAt: Date;
}

export interface TargetHealthFixture {
  id: string;
  port: number;
  az?: string;
  state: 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';
  reason?: string;
  description?: string;
}

export interface TargetGroupFixture {
  name: string;
  arn: string;
  protocol: string;
  port: number;
  targetType: 'instance' | 'ip' | 'lambda';
  healthCheckPath?: string;
  loadBalancerArns: string[];
  targets: TargetHealthFixture[];
}

export interface Elbv2Fixtures {
  loadBalancers: Record<string, LoadBalancerFixture[]>;
  targetGroups: Record<string, TargetGroupFixture[]>;
  /** Page cap for DescribeLoadBalancers and DescribeTargetGroups (AWS: 400). */
  pageSize: number;
}

const ARN = `arn:aws:elasticloadbalancing:${INCIDENT.region}:${ACCOUNT_ID}`;

function webTargets(): TargetHealthFixture[] {
  return INCIDENT.targets.map((t, i) => ({
    id: t.instanceId,
    port: INCIDENT.targetGroup.port,
    az: `us-east-1${'abc'[i % 3]}`,
    state: t.healthy ? 'healthy' : 'unhealthy',
    ...(t.healthy ? {} : { reason: INCIDENT.unhealthy.reason, description: INCIDENT.unhealthy.description }),
  }));
}

function loadBalancers(): LoadBalancerFixture[] {
  const lb = INCIDENT.loadBalancer;
  return [
    {
      name: lb.name,
      arn: lb.arn,
      type: 'application',
      scheme: 'internet-facing',
      dnsName: lb.dnsName,
      state: 'active',
      createdAt: daysAgo(200),
    },
    {
      name: 'api-nlb',
      arn: `${ARN}:loadbalancer/net/api-nlb/4f1e2d3c4b5a6978`,
      type: 'network',
      scheme: 'internet-facing',
      dnsName: 'api-nlb-4f1e2d3c4b5a6978.elb.us-east-1.amazonaws.com',
      state: 'active',
      createdAt: daysAgo(300),
    },
    {
      name: 'internal-alb',
      arn: `${ARN}:loadbalancer/app/internal-alb/1a2b3c4d5e6f7a8b`,
      type: 'application',
      scheme: 'internal',
      dnsName: 'internal-internal-alb-987654321.us-east-1.elb.amazonaws.com',
      state: 'active',
      createdAt: daysAgo(120),
    },
  ];
}

function targetGroups(lbs: LoadBalancerFixture[]): TargetGroupFixture[] {
  const [web, nlb, internal] = lbs.map((lb) => lb.arn) as [string, string, string];
  const tg = INCIDENT.targetGroup;
  return [
    {
      name: tg.name,
      arn: tg.arn,
      protocol: 'HTTP',
      port: tg.port,
      targetType: 'instance',
      healthCheckPath: tg.healthCheckPath,
      loadBalancerArns: [web],
      targets: webTargets(),
    },
    {
      name: 'web-canary-tg',
      arn: `${ARN}:targetgroup/web-canary-tg/0f9e8d7c6b5a4321`,
      protocol: 'HTTP',
      port: 8080,
      targetType: 'instance',
      healthCheckPath: '/healthz',
      loadBalancerArns: [web],
      targets: [],
    },
    {
      name: 'api-tg',
      arn: `${ARN}:targetgroup/api-tg/5d4c3b2a19087f6e`,
      protocol: 'TCP',
      port: 443,
      targetType: 'instance',
      loadBalancerArns: [nlb],
      targets: ['i-0abc1006cdef01234', 'i-0abc1006ddef01234'].map((id, i) => ({
        id,
        port: 443,
        az: `us-east-1${'ab'[i]}`,
        state: 'healthy' as const,
      })),
    },
    {
      name: 'internal-tg',
      arn: `${ARN}:targetgroup/internal-tg/9a8b7c6d5e4f3a2b`,
      protocol: 'HTTP',
      port: 80,
      targetType: 'ip',
      healthCheckPath: '/',
      loadBalancerArns: [internal],
      targets: [
        { id: '10.1.0.21', port: 80, az: 'us-east-1a', state: 'healthy' },
        {
          id: '10.1.1.22',
          port: 80,
          az: 'us-east-1b',
          state: 'draining',
          reason: 'Target.DeregistrationInProgress',
          description: 'Target deregistration is in progress',
        },
        {
          id: '10.1.2.23',
          port: 80,
          az: 'us-east-1c',
          state: 'initial',
          reason: 'Elb.RegistrationInProgress',
          description: 'Target registration is in progress',
        },
      ],
    },
    {
      name: 'orphan-tg',
      arn: `${ARN}:targetgroup/orphan-tg/1111222233334444`,
      protocol: 'HTTP',
      port: 80,
      targetType: 'instance',
      healthCheckPath: '/',
      loadBalancerArns: [],
      targets: [
        {
          id: 'i-0abc10071def01234',
          port: 80,
          state: 'unused',
          reason: 'Target.NotInUse',
          description: 'Target group is not configured to receive traffic from the load balancer',
        },
      ],
    },
  ];
}

export function elbv2Fixtures(): Elbv2Fixtures {
  const lbs = loadBalancers();
  return {
    loadBalancers: { [INCIDENT.region]: lbs },
    targetGroups: { [INCIDENT.region]: targetGroups(lbs) },
    pageSize: 400,
  };
}
