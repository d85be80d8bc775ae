// AWS Health over awsJson1_1 (`X-Amz-Target: AWSHealth_20160804.<Operation>`): DescribeEvents and
// DescribeAffectedEntities, paged. The API lives in us-east-1 only (other regions are refused the
// way an unknown endpoint would be), and needs Business support or higher: without it every call
// is SubscriptionRequiredException.

import { ACCOUNT_ID } from './account-id.ts';
import type { FakeState } from './fake-state.ts';
import type { HealthEventFixture, HealthFixtures } from './health-fixtures.ts';
import { type AwsError, awsJsonResponse, type FakeResponse } from './protocol.ts';
import { refuse, type ServiceFake, type ServiceRequest } from './service-request.ts';

const OPERATIONS = new Set(['DescribeEvents', 'DescribeAffectedEntities']);

const SUBSCRIPTION_REQUIRED: AwsError = {
  code: 'SubscriptionRequiredException',
  status: 400,
  message: 'The AWS Premium Support Subscription is required to use this service.',
};

const epoch = (date: Date) => date.getTime() / 1000;

function list(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

function page<T>(items: T[], request: ServiceRequest, cap: number, max: number) {
  const offset = typeof request.json.nextToken === 'string' ? Number(request.json.nextToken) : 0;
  const size = Math.min(cap, max);
  const next = offset + size < items.length ? String(offset + size) : undefined;
  return { items: items.slice(offset, offset + size), next };
}

function eventJson(e: HealthEventFixture) {
  return {
    arn: e.arn,
    service: e.service,
    eventTypeCode: e.eventTypeCode,
    eventTypeCategory: e.eventTypeCategory,
    region: e.region,
    startTime: epoch(e.startTime),
    lastUpdatedTime: epoch(e.lastUpdatedTime),
    statusCode: e.statusCode,
    eventScopeCode: e.eventScopeCode,
  };
}

function describeEvents(request: ServiceRequest, health: HealthFixtures): FakeResponse {
  const filter = (request.json.filter ?? {}) as Record<string, unknown>;
  const statuses = list(filter.eventStatusCodes);
  const regions = list(filter.regions);
  const events = health.events
    .filter((e) => (!statuses || statuses.includes(e.statusCode)) && (!regions || regions.includes(e.region)))
    .sort((a, b) => b.lastUpdatedTime.getTime() - a.lastUpdatedTime.getTime());
  const max = request.json.maxResults === undefined ? 100 : Number(request.json.maxResults);
  const { items, next } = page(events, request, health.pageSize, max);
  return awsJsonResponse(
    { events: items.map(eventJson), ...(next ? { nextToken: next } : {}) },
    request.requestId,
  );
}

function describeAffectedEntities(request: ServiceRequest, health: HealthFixtures): FakeResponse {
  const filter = (request.json.filter ?? {}) as Record<string, unknown>;
  const arns = list(filter.eventArns) ?? [];
  if (arns.length < 1 || arns.length > 10) {
    return refuse(request, {
      code: 'ValidationException',
      status: 400,
      message: 'eventArns: 1 to 10 items.',
    });
  }
  const entities = health.events
    .filter((e) => arns.includes(e.arn))
    .flatMap((e) =>
      e.entities.map((value) => ({
        entityArn: `arn:aws:health:${e.region}:${ACCOUNT_ID}:entity/${value}`,
        eventArn: e.arn,
        entityValue: value,
        awsAccountId: ACCOUNT_ID,
        lastUpdatedTime: epoch(e.lastUpdatedTime),
        statusCode: 'IMPAIRED',
      })),
    );
  const max = request.json.maxResults === undefined ? 100 : Number(request.json.maxResults);
  const { items, next } = page(entities, request, health.pageSize, max);
  return awsJsonResponse({ entities: items, ...(next ? { nextToken: next } : {}) }, request.requestId);
}

export const healthFake: ServiceFake = {
  operation: (request) => (request.target && OPERATIONS.has(request.target) ? request.target : undefined),
  handle(operation, request, state: FakeState) {
    const { health } = state.fixtures;
    if (request.region !== 'us-east-1') {
      return refuse(request, {
        code: 'UnrecognizedClientException',
        status: 400,
        message: `The AWS Health API is served from us-east-1, not ${request.region}.`,
      });
    }
    if (!health.subscribed) return refuse(request, SUBSCRIPTION_REQUIRED);
    if (operation === 'DescribeEvents') return describeEvents(request, health);
    return describeAffectedEntities(request, health);
  },
};
