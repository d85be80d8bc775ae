// CloudWatch Logs over awsJson1_1 (`X-Amz-Target: Logs_20140328.<Operation>`): DescribeLogGroups
// (paged), and Insights queries that take a few GetQueryResults polls (Scheduled, Running, then
// Complete) and can be stopped (Cancelled). Times: StartQuery takes epoch seconds, log groups
// report epoch milliseconds.
import { randomUUID } from 'node:crypto';
import { ACCOUNT_ID } from './account-id.ts';
import type { FakeState } from './fake-state.ts';
import type { FakeQuery, LogGroupFixture, LogsFixtures } from './logs-fixtures.ts';
import { MalformedQuery, runQuery } from './logs-query.ts';
import { type AwsError, awsJsonResponse, type FakeResponse } from './protocol.ts';
import { refuse, type ServiceFake, type ServiceRequest } from './service-request.ts';

const OPERATIONS = new Set(['DescribeLogGroups', 'StartQuery', 'GetQueryResults', 'StopQuery']);

const invalid = (message: string): AwsError => ({ code: 'InvalidParameterException', status: 400, message });
const notFound = (message: string): AwsError => ({ code: 'ResourceNotFoundException', status: 400, message });

function groupJson(region: string, g: LogGroupFixture) {
  const arn = `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:${g.name}`;
  return {
    logGroupName: g.name,
    creationTime: g.createdAt.getTime(),
    ...(g.retentionInDays ? { retentionInDays: g.retentionInDays } : {}),
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes: g.storedBytes,
    logGroupClass: g.logGroupClass,
    logGroupArn: arn,
  };
}

function describeLogGroups(request: ServiceRequest, logs: LogsFixtures): FakeResponse {
  const { json } = request;
  const limit = json.limit === undefined ? 50 : Number(json.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    return refuse(request, invalid('limit must be 1 to 50'));
  const prefix = typeof json.logGroupNamePrefix === 'string' ? json.logGroupNamePrefix : '';
  const groups = [...(logs.groups[request.region] ?? [])]
    .filter((g) => g.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  const start =
    typeof json.nextToken === 'string' ? Number(Buffer.from(json.nextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0)
    return refuse(request, invalid('The specified nextToken is invalid.'));
  const size = Math.min(limit, logs.pageSize);
  const page = groups.slice(start, start + size);
  const next =
    start + size < groups.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
  return awsJsonResponse(
    { logGroups: page.map((g) => groupJson(request.region, g)), ...(next ? { nextToken: next } : {}) },
    request.requestId,
  );
}

function groupNames(json: Record<string, unknown>): string[] {
  const names = [json.logGroupNames, json.logGroupIdentifiers].flatMap((v) => (Array.isArray(v) ? v : []));
  if (typeof json.logGroupName === 'string') names.push(json.logGroupName);
  // An identifier may be the group's ARN.
  return names.map((n) =>
    String(n)
      .replace(/^arn:[^:]+:logs:[^:]*:\d*:log-group:/, '')
      .replace(/:\*$/, ''),
  );
}

function startQuery(request: ServiceRequest, logs: LogsFixtures): FakeResponse {
  const { json, region } = request;
  const names = groupNames(json);
  if (names.length === 0)
    return refuse(request, invalid('Specify logGroupName, logGroupNames or logGroupIdentifiers.'));
  const start = Number(json.startTime);
  const end = Number(json.endTime);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    return refuse(request, invalid('endTime must be greater than or equal to startTime'));
  }
  const groups = logs.groups[region] ?? [];
  for (const name of names) {
    const group = groups.find((g) => g.name === name);
    if (!group)
      return refuse(request, notFound(`Log group '${name}' does not exist for account ID '${ACCOUNT_ID}'`));
    if (group.logGroupClass === 'DELIVERY') {
      return refuse(request, invalid(`Log group '${name}' is in the DELIVERY class and cannot be queried.`));
    }
  }
  const events = names.flatMap((group) =>
    (logs.events[`${region}/${group}`] ?? [])
      .filter((e) => e.timestamp.getTime() >= start * 1000 && e.timestamp.getTime() <= end * 1000)
      .map((e) => ({ ...e, group })),
  );
  const limit = json.limit === undefined ? undefined : Number(json.limit);
  try {
    const outcome = runQuery(String(json.queryString ?? ''), events, limit);
    const queryId = randomUUID();
    const { rows, ...statistics } = outcome;
    logs.queries.set(queryId, {
      region,
      status: 'Scheduled',
      polls: 0,
      queryString: String(json.queryString),
      logGroups: names,
      rows,
      statistics,
    });
    return awsJsonResponse({ queryId }, request.requestId);
  } catch (error) {
    if (!(error instanceof MalformedQuery)) throw error;
    return refuse(request, { code: 'MalformedQueryException', status: 400, message: error.message });
  }
}

/** Partial while running (half the rows and statistics), all of it once complete. */
function snapshot(query: FakeQuery) {
  const share = query.status === 'Complete' ? 1 : query.status === 'Running' ? 0.5 : 0;
  const { statistics: s } = query;
  return {
    rows: query.rows.slice(0, Math.floor(query.rows.length * share)),
    statistics: {
      recordsMatched: Math.floor(s.recordsMatched * share),
      recordsScanned: Math.floor(s.recordsScanned * share),
      bytesScanned: Math.floor(s.bytesScanned * share),
    },
  };
}

function getQueryResults(request: ServiceRequest, logs: LogsFixtures): FakeResponse {
  const id = String(request.json.queryId ?? '');
  const query = logs.queries.get(id);
  if (!query || query.region !== request.region)
    return refuse(request, notFound(`Query ${id} does not exist.`));
  query.polls += 1;
  if (query.status === 'Scheduled' || query.status === 'Running') {
    query.status =
      query.polls > logs.pollsToComplete ? 'Complete' : query.polls > 1 ? 'Running' : 'Scheduled';
  }
  const { rows, statistics } = snapshot(query);
  const offset = typeof request.json.nextToken === 'string' ? Number(request.json.nextToken) : 0;
  const max = request.json.maxItems === undefined ? rows.length : Number(request.json.maxItems);
  const page = rows.slice(offset, offset + max);
  const next = query.status === 'Complete' && offset + max < rows.length ? String(offset + max) : undefined;
  return awsJsonResponse(
    {
      queryLanguage: 'CWLI',
      results: page,
      statistics,
      status: query.status,
      ...(next ? { nextToken: next } : {}),
    },
    request.requestId,
  );
}

function stopQuery(request: ServiceRequest, logs: LogsFixtures): FakeResponse {
  const id = String(request.json.queryId ?? '');
  const query = logs.queries.get(id);
  if (!query || query.region !== request.region)
    return refuse(request, notFound(`Query ${id} does not exist.`));
  const running = query.status === 'Scheduled' || query.status === 'Running';
  if (running) query.status = 'Cancelled';
  return awsJsonResponse({ success: running }, request.requestId);
}

export const logsFake: ServiceFake = {
  operation: (request) => (request.target && OPERATIONS.has(request.target) ? request.target : undefined),
  handle(operation, request, state: FakeState) {
    const logs = state.fixtures.logs;
    if (operation === 'DescribeLogGroups') return describeLogGroups(request, logs);
    if (operation === 'StartQuery') return startQuery(request, logs);
    if (operation === 'GetQueryResults') return getQueryResults(request, logs);
    return stopQuery(request, logs);
  },
};
