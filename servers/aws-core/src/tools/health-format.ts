import { fenceUntrusted, formatAge, renderTable } from '@sre-agent/shared';

export interface HealthEventRow {
  service: string;
  eventTypeCode: string;
  category: string;
  region: string;
  status: string;
  startTime: Date | undefined;
  lastUpdatedTime: Date | undefined;
  scope: string;
  entities: string[];
  arn: string;
}

const ENTITIES_SHOWN = 5;

function when(row: HealthEventRow, now: Date): string {
  if (!row.startTime) return '?';
  return row.startTime > now ? `in ${formatAge(now, row.startTime)}` : `${formatAge(row.startTime, now)} ago`;
}

function entities(row: HealthEventRow): string {
  if (row.entities.length === 0) return row.scope === 'PUBLIC' ? '(public event)' : '-';
  const more = row.entities.length > ENTITIES_SHOWN ? ` +${row.entities.length - ENTITIES_SHOWN}` : '';
  return row.entities.slice(0, ENTITIES_SHOWN).join(', ') + more;
}

export function formatHealth(rows: readonly HealthEventRow[], region: string | undefined, now: Date): string {
  const where = region ? `in ${region} (or global)` : 'in any region';
  if (rows.length === 0) return `No open or upcoming AWS Health events for this account ${where}.`;
  // Issues first: they are what an incident wants to rule in or out.
  const sorted = [...rows].sort((a, b) => Number(b.category === 'issue') - Number(a.category === 'issue'));
  const issues = rows.filter((r) => r.category === 'issue' && r.status === 'open').length;
  const header = `${rows.length} open or upcoming AWS Health event(s) ${where}; ${issues} open issue(s).`;
  const table = renderTable(
    ['SERVICE', 'EVENT', 'CATEGORY', 'STATUS', 'REGION', 'STARTS', 'AFFECTED'],
    sorted.map((r) => [
      r.service,
      r.eventTypeCode,
      r.category,
      r.status,
      r.region,
      when(r, now),
      entities(r),
    ]),
  );
  // Entity values include names and tags the account chose.
  return `${header}\n${fenceUntrusted('AWS Health events', table)}`;
}
