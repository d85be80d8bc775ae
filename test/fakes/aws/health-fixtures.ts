// AWS Health events of the account: an open EC2 issue in us-east-1 (with affected instances), an
// upcoming RDS maintenance in eu-west-1, and a closed one the open/upcoming filter must leave out.
import { ACCOUNT_ID } from './account-id.ts';

export interface HealthEventFixture {
  arn: string;
  service: string;
  eventTypeCode: string;
  eventTypeCategory: 'issue' | 'scheduledChange' | 'accountNotification';
  region: string;
  startTime: Date;
  lastUpdatedTime: Date;
  statusCode: 'open' | 'upcoming' | 'closed';
  eventScopeCode: 'ACCOUNT_SPECIFIC' | 'PUBLIC';
  entities: string[];
}

export interface HealthFixtures {
  events: HealthEventFixture[];
  /** False: the account has Basic support, and every Health call is SubscriptionRequiredException. */
  subscribed: boolean;
  /** Page cap (AWS: 100). */
  pageSize: number;
}

const minutesAgo = (now: number, m: number) => new Date(now - m * 60_000);
const arn = (region: string, service: string, code: string, id: string) =>
  `arn:aws:health:${region}::event/${service}/${code}/${code}_${id}`;

export function healthFixtures(now = Date.now()): HealthFixtures {
  return {
    subscribed: true,
    pageSize: 100,
    events: [
      {
        arn: arn('us-east-1', 'EC2', 'AWS_EC2_OPERATIONAL_ISSUE', 'ABC123'),
        service: 'EC2',
        eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE',
        eventTypeCategory: 'issue',
        region: 'us-east-1',
        startTime: minutesAgo(now, 40),
        lastUpdatedTime: minutesAgo(now, 10),
        statusCode: 'open',
        eventScopeCode: 'ACCOUNT_SPECIFIC',
        entities: ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60002'],
      },
      {
        arn: arn('eu-west-1', 'RDS', 'AWS_RDS_MAINTENANCE_SCHEDULED', 'DEF456'),
        service: 'RDS',
        eventTypeCode: 'AWS_RDS_MAINTENANCE_SCHEDULED',
        eventTypeCategory: 'scheduledChange',
        region: 'eu-west-1',
        startTime: new Date(now + 3 * 86_400_000),
        lastUpdatedTime: minutesAgo(now, 600),
        statusCode: 'upcoming',
        eventScopeCode: 'ACCOUNT_SPECIFIC',
        entities: [`arn:aws:rds:eu-west-1:${ACCOUNT_ID}:db:reports`],
      },
      {
        arn: arn('us-east-1', 'LAMBDA', 'AWS_LAMBDA_OPERATIONAL_ISSUE', 'OLD999'),
        service: 'LAMBDA',
        eventTypeCode: 'AWS_LAMBDA_OPERATIONAL_ISSUE',
        eventTypeCategory: 'issue',
        region: 'us-east-1',
        startTime: minutesAgo(now, 5000),
        lastUpdatedTime: minutesAgo(now, 4000),
        statusCode: 'closed',
        eventScopeCode: 'PUBLIC',
        entities: [],
      },
    ],
  };
}
