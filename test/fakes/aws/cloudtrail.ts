// CloudTrail over awsJson1_1 (`X-Amz-Target: CloudTrail_20131101.LookupEvents`): management events
// newest first, one lookup attribute at most (AWS refuses more), a time window, paging.
import { ACCOUNT_ID } from './account-id.ts';
import type { CloudTrailFixtures, TrailEventFixture } from './cloudtrail-fixtures.ts';
import type { FakeState } from './fake-state.ts';
import { type AwsError, awsJsonResponse, type FakeResponse } from './protocol.ts';
import { refuse, type ServiceFake, type ServiceRequest } from './service-request.ts';

const invalidAttributes = (message: string): AwsError => ({
  code: 'InvalidLookupAttributesException',
  status: 400,
  message,
});

const KEYS: Record<string, (e: TrailEventFixture) => string[]> = {
  EventId: (e) => [e.id],
  EventName: (e) => [e.name],
  ReadOnly: (e) => [String(e.readOnly)],
  Username: (e) => [e.username],
  ResourceType: (e) => e.resources.map((r) => r.type),
  ResourceName: (e) => e.resources.map((r) => r.name),
  EventSource: (e) => [e.source],
  AccessKeyId: () => ['ASIAFAKE'],
};

function eventJson(e: TrailEventFixture, region: string) {
  const detail = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      userName: e.username,
      arn: `arn:aws:iam::${ACCOUNT_ID}:user/${e.username}`,
    },
    eventTime: e.time.toISOString(),
    eventSource: e.source,
    eventName: e.name,
    awsRegion: region,
    sourceIPAddress: e.sourceIp,
    requestParameters: e.requestParameters,
    readOnly: e.readOnly,
    eventID: e.id,
  };
  return {
    EventId: e.id,
    EventName: e.name,
    ReadOnly: String(e.readOnly),
    AccessKeyId: 'ASIAFAKE',
    EventTime: e.time.getTime() / 1000,
    EventSource: e.source,
    Username: e.username,
    Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: JSON.stringify(detail),
  };
}

function matcher(request: ServiceRequest): ((e: TrailEventFixture) => boolean) | AwsError {
  const attributes = Array.isArray(request.json.LookupAttributes) ? request.json.LookupAttributes : [];
  if (attributes.length > 1) return invalidAttributes('You can only specify one lookup attribute.');
  const [attribute] = attributes as { AttributeKey?: string; AttributeValue?: string }[];
  if (!attribute) return () => true;
  const read = KEYS[attribute.AttributeKey ?? ''];
  if (!read) return invalidAttributes(`Invalid attribute key: ${attribute.AttributeKey}`);
  return (e) => read(e).includes(attribute.AttributeValue ?? '');
}

function lookupEvents(request: ServiceRequest, trail: CloudTrailFixtures): FakeResponse {
  const { json } = request;
  const match = matcher(request);
  if (typeof match !== 'function') return refuse(request, match);
  const max = json.MaxResults === undefined ? 50 : Number(json.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > 50) {
    return refuse(request, {
      code: 'InvalidMaxResultsException',
      status: 400,
      message: 'MaxResults must be 1 to 50.',
    });
  }
  const start = json.StartTime === undefined ? 0 : Number(json.StartTime) * 1000;
  const end = json.EndTime === undefined ? Number.POSITIVE_INFINITY : Number(json.EndTime) * 1000;
  if (start > end) {
    return refuse(request, {
      code: 'InvalidTimeRangeException',
      status: 400,
      message: 'StartTime is after EndTime.',
    });
  }
  const events = (trail.events[request.region] ?? [])
    .filter((e) => e.time.getTime() >= start && e.time.getTime() <= end && match(e))
    .sort((a, b) => b.time.getTime() - a.time.getTime());
  const offset = typeof json.NextToken === 'string' ? Number(json.NextToken.replace(/^tok-/, '')) : 0;
  if (!Number.isInteger(offset) || offset < 0) {
    return refuse(request, { code: 'InvalidNextTokenException', status: 400, message: 'Invalid NextToken.' });
  }
  const size = Math.min(max, trail.pageSize);
  const page = events.slice(offset, offset + size);
  const next = offset + size < events.length ? `tok-${offset + size}` : undefined;
  return awsJsonResponse(
    { Events: page.map((e) => eventJson(e, request.region)), ...(next ? { NextToken: next } : {}) },
    request.requestId,
  );
}

export const cloudTrailFake: ServiceFake = {
  operation: (request) => (request.target === 'LookupEvents' ? 'LookupEvents' : undefined),
  handle(_operation, request, state: FakeState) {
    return lookupEvents(request, state.fixtures.cloudtrail);
  },
};
