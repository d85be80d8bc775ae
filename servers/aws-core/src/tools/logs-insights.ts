// One Logs Insights query, start to finish: StartQuery, GetQueryResults until it ends (with MCP
// progress notifications), and StopQuery when the wait runs out or the client cancels, since a
// query left running keeps scanning (and billing) for up to 60 minutes after nobody waits for it.
import { isToolError, sleep, type ToolContext, ToolError } from '@sre-agent/shared';
import type { AwsSession, InsightsField, InsightsStatistics } from '../aws-session.js';
import type { TimeWindow } from '../time-window.js';
import { formatBytes } from './logs-scan.js';

export interface InsightsRequest {
  logGroups: readonly string[];
  queryString: string;
  window: TimeWindow;
  limit: number;
  /** How long to wait for the query before stopping it and returning what it found. */
  waitMs: number;
}

export interface InsightsRun {
  queryId: string;
  /** Complete, Failed, Timeout, Cancelled, or `Stopped` when our wait ran out. */
  status: string;
  rows: Record<string, string>[];
  statistics: InsightsStatistics;
  elapsedMs: number;
}

const POLL_MS = [250, 500, 1_000, 2_000];
const RUNNING = new Set(['Scheduled', 'Running', 'Unknown']);
const MAX_RESULT_PAGES = 10;

export async function runInsightsQuery(
  session: AwsSession,
  request: InsightsRequest,
  context: ToolContext,
): Promise<InsightsRun> {
  const started = await session
    .call('logs', 'StartQuery', (client, sdk, options) =>
      client.send(
        new sdk.StartQueryCommand({
          logGroupNames: [...request.logGroups],
          queryString: request.queryString,
          startTime: Math.floor(request.window.start.getTime() / 1000),
          endTime: Math.ceil(request.window.end.getTime() / 1000),
          limit: request.limit,
        }),
        options,
      ),
    )
    .catch(explainStartFailure);
  const queryId = started.queryId ?? '';
  try {
    return await poll(session, queryId, request, context);
  } catch (error) {
    // Cancelled, timed out or failed: a query nobody reads would go on scanning (and billing).
    stopInBackground(session, queryId, context);
    throw error;
  }
}

async function poll(
  session: AwsSession,
  queryId: string,
  request: InsightsRequest,
  context: ToolContext,
): Promise<InsightsRun> {
  const startedAt = Date.now();
  for (let attempt = 0; ; attempt++) {
    // The wait between polls is the caller's (wait_seconds), so the call's time limit is paused
    // for it; each API call still runs under that limit, so a hung endpoint cannot hang the call.
    const delay = POLL_MS[Math.min(attempt, POLL_MS.length - 1)] ?? 2_000;
    await context.waitOutsideDeadline(() => sleep(delay, context.signal));
    const out = await getResults(session, queryId, undefined);
    const status = out.status ?? 'Unknown';
    const statistics = out.statistics ?? {};
    const elapsedMs = Date.now() - startedAt;
    if (!RUNNING.has(status)) {
      const rows =
        status === 'Complete' ? await allRows(session, queryId, out, request.limit) : toRows(out.results);
      return { queryId, status, rows, statistics, elapsedMs };
    }
    await context.progress(
      Math.round(elapsedMs / 1000),
      Math.round(request.waitMs / 1000),
      `Insights query ${status}: ${statistics.recordsMatched ?? 0} matched, ${formatBytes(statistics.bytesScanned ?? 0)} scanned`,
    );
    if (elapsedMs >= request.waitMs) {
      await stop(session, queryId).catch((error: unknown) =>
        context.logger.warn('could not stop an Insights query', { queryId, error }),
      );
      // Results of a stopped query are what it had found so far.
      return { queryId, status: 'Stopped', rows: toRows(out.results), statistics, elapsedMs };
    }
  }
}

/** The two refusals of StartQuery that the caller can act on, with what to do. */
function explainStartFailure(error: unknown): never {
  if (isToolError(error) && error.message.includes('MalformedQueryException')) {
    throw new ToolError(
      error.message,
      'Fix the query: Logs Insights commands are joined by "|", e.g. `fields @timestamp, @message | filter @message like /5\\d\\d/ | sort @timestamp desc`.',
    );
  }
  if (isToolError(error) && error.message.includes('LimitExceededException')) {
    throw new ToolError(
      error.message,
      'Too many Insights queries are running in this account; retry in a minute.',
    );
  }
  throw error;
}

function getResults(session: AwsSession, queryId: string, nextToken: string | undefined) {
  return session.call('logs', 'GetQueryResults', (client, sdk, options) =>
    client.send(new sdk.GetQueryResultsCommand({ queryId, ...(nextToken ? { nextToken } : {}) }), options),
  );
}

/** GetQueryResults pages (nextToken) until `limit` rows. */
async function allRows(
  session: AwsSession,
  queryId: string,
  first: { results?: InsightsField[][] | undefined; nextToken?: string | undefined },
  limit: number,
): Promise<Record<string, string>[]> {
  const rows = toRows(first.results);
  let token = first.nextToken;
  for (let page = 1; token && rows.length < limit && page < MAX_RESULT_PAGES; page++) {
    const out = await getResults(session, queryId, token);
    rows.push(...toRows(out.results));
    token = out.nextToken;
  }
  return rows.slice(0, limit);
}

function toRows(results: InsightsField[][] | undefined): Record<string, string>[] {
  return (results ?? []).map((fields) =>
    Object.fromEntries(
      // @ptr is an opaque pointer for GetLogRecord: bytes the model cannot use.
      fields.filter((f) => f.field && f.field !== '@ptr').map((f) => [f.field ?? '', f.value ?? '']),
    ),
  );
}

function stop(session: AwsSession, queryId: string) {
  // Not the call's signal: this runs when that signal has fired.
  return session.call('logs', 'StopQuery', (client, sdk) =>
    client.send(new sdk.StopQueryCommand({ queryId }), { abortSignal: AbortSignal.timeout(5_000) }),
  );
}

function stopInBackground(session: AwsSession, queryId: string, context: ToolContext) {
  stop(session, queryId).then(
    () => context.logger.info('stopped the Insights query of a cancelled call', { queryId }),
    (error: unknown) => context.logger.warn('could not stop an Insights query', { queryId, error }),
  );
}
