import type { CoreV1Event } from '@kubernetes/client-node';
import { byteLength, fenceUntrusted, formatAge, renderTable, truncateCodePoints } from '@sre-agent/shared';
import { maskSecretShapes } from '../redact.js';

type Timestamp = Date | string | null | undefined;

/** The last time an event happened: classic events, new-style series, or when it was recorded. */
export function eventLastSeen(event: CoreV1Event): Date | undefined {
  const candidates: Timestamp[] = [
    event.series?.lastObservedTime,
    event.lastTimestamp,
    event.eventTime,
    event.metadata?.creationTimestamp,
  ];
  let latest: number | undefined;
  for (const candidate of candidates) {
    if (!candidate) continue;
    const time = candidate instanceof Date ? candidate.getTime() : Date.parse(candidate);
    if (!Number.isNaN(time) && (latest === undefined || time > latest)) latest = time;
  }
  return latest === undefined ? undefined : new Date(latest);
}

/** How many times it happened: series count for new-style events, `count` for classic ones. */
export function eventCount(event: CoreV1Event): number {
  return event.series?.count ?? event.count ?? 1;
}

export function sortNewestFirst(events: readonly CoreV1Event[]): CoreV1Event[] {
  const time = (event: CoreV1Event) => eventLastSeen(event)?.getTime() ?? 0;
  return [...events].sort((a, b) => time(b) - time(a));
}

export interface EventFilter {
  /** Event types to keep, e.g. ["Warning"]; case-insensitive; empty keeps all. */
  types?: readonly string[] | undefined;
  /** Only events last seen within this many minutes of `now`. */
  sinceMinutes?: number | undefined;
  /** `name` or `kind/name` (kind case-insensitive, e.g. `pod/web-1`, `Deployment/checkout`). */
  involvedObject?: string | undefined;
  now: Date;
}

export function filterEvents(events: readonly CoreV1Event[], filter: EventFilter): CoreV1Event[] {
  const types = new Set((filter.types ?? []).map((type) => type.toLowerCase()));
  const cutoff =
    filter.sinceMinutes === undefined ? undefined : filter.now.getTime() - filter.sinceMinutes * 60_000;
  const target = parseInvolvedObject(filter.involvedObject);
  return events.filter((event) => {
    if (types.size > 0 && !types.has((event.type ?? '').toLowerCase())) return false;
    if (cutoff !== undefined && (eventLastSeen(event)?.getTime() ?? 0) < cutoff) return false;
    if (target.name && event.involvedObject?.name !== target.name) return false;
    if (target.kind && (event.involvedObject?.kind ?? '').toLowerCase() !== target.kind) return false;
    return true;
  });
}

const kindAliases: Record<string, string> = {
  po: 'pod',
  pods: 'pod',
  deploy: 'deployment',
  deployments: 'deployment',
  rs: 'replicaset',
  sts: 'statefulset',
  ds: 'daemonset',
  svc: 'service',
  no: 'node',
  nodes: 'node',
  pvc: 'persistentvolumeclaim',
};

/** `checkout` -> {name}; `deploy/checkout` -> {kind: 'deployment', name}. */
export function parseInvolvedObject(value: string | undefined): { kind?: string; name?: string } {
  if (!value) return {};
  const [first, ...rest] = value.split('/');
  if (rest.length === 0) return { name: first };
  const kind = (first ?? '').toLowerCase();
  // Own keys only: `constructor/x` must not find Object.prototype's constructor.
  return {
    kind: (Object.hasOwn(kindAliases, kind) ? kindAliases[kind] : undefined) ?? kind,
    name: rest.join('/'),
  };
}

export interface EventTableOptions {
  now: Date;
  /** Show the NAMESPACE column (all-namespaces view). */
  withNamespace?: boolean;
  /** Hide the OBJECT column (the events of one object). */
  withoutObject?: boolean;
  /** Bytes the rows may take; rows past it are dropped (newest are kept) and counted. */
  budgetBytes: number;
  source: string;
}

const messageLimit = 300;

/**
 * The events table, fenced as a whole: reasons, object names and messages are all written by
 * cluster components (or by anyone who can create events), so none of it is trusted.
 */
export function renderEventTable(
  events: readonly CoreV1Event[],
  options: EventTableOptions,
): { text: string; shown: number } {
  const headers = [
    ...(options.withNamespace ? ['NAMESPACE'] : []),
    'LAST SEEN',
    'TYPE',
    'REASON',
    ...(options.withoutObject ? [] : ['OBJECT']),
    'COUNT',
    'MESSAGE',
  ];
  const rows = events.map((event) => [
    ...(options.withNamespace ? [event.metadata?.namespace ?? ''] : []),
    formatAge(eventLastSeen(event), options.now),
    event.type ?? '',
    event.reason ?? '',
    ...(options.withoutObject
      ? []
      : [`${(event.involvedObject?.kind ?? '?').toLowerCase()}/${event.involvedObject?.name ?? '?'}`]),
    String(eventCount(event)),
    clip(maskSecretShapes(event.message ?? ''), messageLimit),
  ]);
  let shown = rows.length;
  let table = renderTable(headers, rows);
  // Drop the oldest rows until the table fits: each try is one render, and lists are short by now.
  while (shown > 0 && byteLength(table) > options.budgetBytes) {
    shown = Math.max(0, Math.min(shown - 1, Math.floor(shown * (options.budgetBytes / byteLength(table)))));
    table = renderTable(headers, rows.slice(0, shown));
  }
  return { text: fenceUntrusted(options.source, table), shown };
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? truncateCodePoints(flat, max - 1, '…') : flat;
}

// Reasons are CamelCase words by convention; anything else stays inside the fence.
const plainReason = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * Counts every event it is given but keeps only the newest `keep`, so a namespace with
 * 50,000 events is summarised in bounded memory.
 */
export interface EventCollector {
  add(event: CoreV1Event): void;
  readonly total: number;
  /** The newest kept events, newest first. */
  newest(): CoreV1Event[];
  /** `12 event(s): 9 Warning, 3 Normal.` and the Warning reasons by occurrences. */
  summary(): string;
}

export function createEventCollector(keep: number): EventCollector {
  let kept: CoreV1Event[] = [];
  let total = 0;
  const byType = new Map<string, number>();
  const warnings = new Map<string, { events: number; occurrences: number }>();
  const trim = () => {
    kept = sortNewestFirst(kept).slice(0, keep);
  };
  return {
    add(event) {
      total += 1;
      const type = event.type === 'Warning' || event.type === 'Normal' ? event.type : 'other';
      byType.set(type, (byType.get(type) ?? 0) + 1);
      if (event.type === 'Warning') {
        const reason = plainReason.test(event.reason ?? '') ? (event.reason as string) : '(other)';
        const entry = warnings.get(reason) ?? { events: 0, occurrences: 0 };
        entry.events += 1;
        entry.occurrences += eventCount(event);
        warnings.set(reason, entry);
      }
      kept.push(event);
      if (kept.length >= keep * 2 + 100) trim();
    },
    get total() {
      return total;
    },
    newest() {
      trim();
      return kept;
    },
    summary() {
      const types = [...byType].map(([type, count]) => `${count} ${type}`).join(', ');
      const lines = [`${total} event(s)${types ? `: ${types}` : ''}.`];
      if (warnings.size > 0) {
        const ranked = [...warnings].sort((a, b) => b[1].occurrences - a[1].occurrences);
        const text = ranked.map(
          ([reason, { events, occurrences }]) =>
            `${reason} x${events} (${occurrences} ${occurrences === 1 ? 'time' : 'times'})`,
        );
        lines.push(`Warning reasons: ${text.join(', ')}.`);
      }
      return lines.join('\n');
    },
  };
}

export function summariseEvents(events: readonly CoreV1Event[]): string {
  const collector = createEventCollector(0);
  for (const event of events) collector.add(event);
  return collector.summary();
}
