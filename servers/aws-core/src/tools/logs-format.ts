import { fenceUntrusted, formatDuration, renderTable, truncateCodePoints } from '@sre-agent/shared';
import { describeWindow, type TimeWindow } from '../time-window.js';
import type { LogGroupRow } from './log-groups.js';
import type { InsightsRun } from './logs-insights.js';
import { formatBytes } from './logs-scan.js';

const MESSAGE_CHARS = 1_000;

export function formatLogGroups(rows: readonly LogGroupRow[], region: string, complete: boolean): string {
  if (rows.length === 0) return `No log groups match in ${region}.`;
  const stored = rows.reduce((sum, r) => sum + r.storedBytes, 0);
  const partial = complete ? '' : ' (stopped after 1,000; pass a prefix to see the rest)';
  const header = `${rows.length} log group(s) in ${region}, ${formatBytes(stored)} stored (compressed)${partial}`;
  const table = renderTable(
    ['NAME', 'STORED', 'RETENTION', 'CLASS'],
    rows.map((r) => [
      r.name,
      formatBytes(r.storedBytes),
      r.retentionDays ? `${r.retentionDays}d` : 'never expires',
      r.logGroupClass,
    ]),
  );
  return `${header}\n${table}`;
}

export interface QuerySummary {
  run: InsightsRun;
  window: TimeWindow;
  groups: readonly string[];
  estimatedBytes: number;
  maxScanGb: number;
  region: string;
}

function statusLine(run: InsightsRun): string {
  if (run.status === 'Complete') return `Complete in ${formatDuration(run.elapsedMs)}`;
  if (run.status === 'Stopped') {
    return `Stopped after ${formatDuration(run.elapsedMs)} (wait_seconds ran out): partial results. Narrow the window or the groups, or raise wait_seconds`;
  }
  return `${run.status} after ${formatDuration(run.elapsedMs)}: results may be partial`;
}

export function formatQueryResult(summary: QuerySummary): string {
  const { run, window } = summary;
  const { statistics } = run;
  const scanned = statistics.bytesScanned ?? 0;
  const lines = [
    `Logs Insights over ${summary.groups.join(', ')} in ${summary.region}, ${describeWindow(window)}. ${statusLine(run)}.`,
    `${statistics.recordsMatched ?? 0} record(s) matched of ${statistics.recordsScanned ?? 0} scanned; ${run.rows.length} row(s) returned.`,
    `Scanned ${formatBytes(scanned)} (estimated ${formatBytes(summary.estimatedBytes)} beforehand; limit ${summary.maxScanGb} GB). Logs Insights bills per GB scanned.`,
  ];
  if (run.rows.length === 0) return [...lines, 'No rows.'].join('\n');
  return [
    ...lines,
    fenceUntrusted(`CloudWatch Logs ${summary.groups.join(', ')}`, renderRows(run.rows)),
  ].join('\n');
}

/** Log lines as `time  message  field=value`; aggregates (no @message) as a table. */
function renderRows(rows: readonly Record<string, string>[]): string {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (!fields.includes('@message'))
    return renderTable(
      fields,
      rows.map((r) => fields.map((f) => r[f] ?? '')),
    );
  const many = new Set(rows.map((r) => r['@log'])).size > 1;
  return rows
    .map((row) => {
      const extra = Object.entries(row)
        .filter(([field]) => field !== '@timestamp' && field !== '@message' && (many || field !== '@log'))
        .filter(([field]) => field !== '@logStream')
        .map(([field, value]) => `${field}=${value}`);
      const message = truncateCodePoints(
        (row['@message'] ?? '').replace(/\s*\n\s*/g, ' ⏎ '),
        MESSAGE_CHARS,
        '…',
      );
      return [row['@timestamp'] ?? '', message, ...extra].filter(Boolean).join('  ');
    })
    .join('\n');
}
