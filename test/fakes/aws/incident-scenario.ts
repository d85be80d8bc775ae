// The incident the fake AWS account is having, in one place so every fake service tells the same
// story and a test can walk it end to end: a change to the web tier, then the ALB `web-alb` sees
// 5xx and slow responses from target group `web-tg`, whose target web-2 fails its health checks,
// and the 5xx alarm goes to ALARM. Times are minutes before "now" (the moment a fake answers).
import { ACCOUNT_ID } from './account-id.ts';

export const INCIDENT_REGION = 'us-east-1';

const ELB_ARN = `arn:aws:elasticloadbalancing:${INCIDENT_REGION}:${ACCOUNT_ID}`;

export const INCIDENT = {
  region: INCIDENT_REGION,
  loadBalancer: {
    name: 'web-alb',
    arn: `${ELB_ARN}:loadbalancer/app/web-alb/50dc6c495c0c9188`,
    /** The `LoadBalancer` dimension of AWS/ApplicationELB metrics. */
    dimension: 'app/web-alb/50dc6c495c0c9188',
    dnsName: 'web-alb-1234567890.us-east-1.elb.amazonaws.com',
  },
  targetGroup: {
    name: 'web-tg',
    arn: `${ELB_ARN}:targetgroup/web-tg/73e2d6bc24d8a067`,
    /** The `TargetGroup` dimension of AWS/ApplicationELB metrics. */
    dimension: 'targetgroup/web-tg/73e2d6bc24d8a067',
    port: 8080,
    healthCheckPath: '/healthz',
  },
  /** EC2 fixtures web-1..web-3 in us-east-1 (fixtures.ts); web-2 is the unhealthy one. */
  targets: [
    { instanceId: 'i-0abc10064def01234', name: 'web-1', healthy: true },
    { instanceId: 'i-0abc10065def01234', name: 'web-2', healthy: false },
    { instanceId: 'i-0abc10066def01234', name: 'web-3', healthy: true },
  ],
  unhealthy: {
    instanceId: 'i-0abc10065def01234',
    reason: 'Target.ResponseCodeMismatch',
    description: 'Health checks failed with these codes: [502]',
  },
  alarm: {
    name: 'web-alb-5xx-high',
    namespace: 'AWS/ApplicationELB',
    metricName: 'HTTPCode_Target_5XX_Count',
    statistic: 'Sum',
    periodSeconds: 60,
    evaluationPeriods: 3,
    threshold: 10,
    comparison: 'GreaterThanThreshold',
  },
  /** Minutes before now. */
  minutesAgo: {
    /** When a change to the web tier (a deploy) would have happened: for CloudTrail and logs. */
    change: 25,
    /** First minute of elevated 5xx, response time and error logs. */
    spikeStart: 23,
    /** When the 5xx alarm went to ALARM (three 1-minute periods over the threshold). */
    alarm: 20,
  },
  /** Per-minute values inside the spike window, and the baseline outside it. */
  metrics: {
    target5xxPerMinute: { baseline: 0, spike: 42 },
    targetResponseTimeSeconds: { baseline: 0.12, spike: 2.8 },
    requestCountPerMinute: { baseline: 1200, spike: 1150 },
  },
} as const;

/** A moment of the incident, `minutes` before `now`. */
export function minutesBefore(minutes: number, now: number = Date.now()): Date {
  return new Date(now - minutes * 60_000);
}

/** Whether a timestamp falls inside the spike (from spikeStart until now). */
export function inSpike(at: number, now: number = Date.now()): boolean {
  return at >= now - INCIDENT.minutesAgo.spikeStart * 60_000;
}
