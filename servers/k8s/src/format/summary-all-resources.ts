import { byteLength } from '@sre-agent/shared';
import { type ListTally, plural } from './summary.js';
import { formatListJson } from './summary-json.js';
import { formatListText } from './summary-text.js';

/** One kind's part of list_all_resources. */
export interface KindSection {
  /** Plural for text: "deployments". */
  noun: string;
  /** kubectl's prefix for names: "deployment". */
  label: string;
  kind: string;
  apiVersion: string;
  headers: string[];
  tally: ListTally;
  /** Raw objects for JSON (redacted already); empty in text mode. */
  items: unknown[];
  /** How to see all of this kind. */
  more: string;
  /** Why some or all of this kind is missing (RBAC, hidden old ReplicaSets). */
  note?: string | undefined;
}

export interface AllResourcesSpec {
  namespace: string;
  sections: KindSection[];
  budgetBytes: number;
}

// The problem list may take up to this share of the budget; the tables get the rest.
const problemShare = 0.3;

/** Like `kubectl get all`, but the problems come first, and every table fits the budget. */
export function formatAllResources(spec: AllResourcesSpec): string {
  const header = [
    countsLine(spec),
    ...problemLines(spec.sections, spec.budgetBytes * problemShare),
    ...notes(spec),
  ];
  const headerText = header.join('\n');
  const shown = spec.sections.filter((section) => section.tally.total > 0);
  const tables = allocate(
    shown.map(
      (section) => (budget: number) => formatListText({ ...sectionSpec(spec, section), budgetBytes: budget }),
    ),
    byteLength,
    spec.budgetBytes - byteLength(headerText) - 2 * (shown.length + 1),
  );
  return [headerText, ...tables].join('\n\n');
}

export function formatAllResourcesJson(spec: AllResourcesSpec): Record<string, unknown> {
  const needAttention = spec.sections.flatMap((section) =>
    section.tally
      .rows()
      .filter((row) => row.problem !== undefined)
      .slice(0, 20)
      .map((row) => ({ kind: section.kind, name: row.cells[0], problem: row.problem })),
  );
  const head = {
    namespace: spec.namespace,
    counts: Object.fromEntries(
      spec.sections.map((section) => [
        section.noun,
        { total: section.tally.total, needAttention: section.tally.problems },
      ]),
    ),
    needAttention,
    notes: spec.sections.flatMap((section) => (section.note ? [`${section.noun}: ${section.note}`] : [])),
  };
  const shown = spec.sections.filter((section) => section.tally.total > 0);
  const lists = allocate(
    shown.map(
      (section) => (budget: number) =>
        formatListJson({
          ...sectionSpec(spec, section),
          kind: section.kind,
          apiVersion: section.apiVersion,
          items: section.items,
          budgetBytes: budget,
        }),
    ),
    (value) => byteLength(JSON.stringify(value)),
    spec.budgetBytes - byteLength(JSON.stringify(head)) - 40 * (shown.length + 1),
  );
  return { ...head, lists: Object.fromEntries(shown.map((section, index) => [section.noun, lists[index]])) };
}

function sectionSpec(spec: AllResourcesSpec, section: KindSection) {
  return {
    noun: section.noun,
    scope: `namespace "${spec.namespace}"`,
    headers: section.headers,
    withNamespace: false,
    tally: section.tally,
    more: section.more,
  };
}

/**
 * Shares a budget among parts: small parts take what they need, the rest split what is left
 * evenly, so one huge kind (pods) cannot crowd out the others.
 */
export function allocate<T>(
  renderers: ((budget: number) => T)[],
  size: (value: T) => number,
  total: number,
): T[] {
  const full = renderers.map((render) => render(Math.max(total, 0)));
  if (full.reduce((sum, value) => sum + size(value), 0) <= total) return full;
  const order = full.map((value, index) => ({ index, size: size(value) })).sort((a, b) => a.size - b.size);
  const out = [...full];
  let remaining = total;
  for (const [position, { index, size: needed }] of order.entries()) {
    const share = Math.floor(remaining / (order.length - position));
    const rendered = needed <= share ? full[index] : renderers[index]?.(Math.max(share, 0));
    if (rendered === undefined) continue;
    out[index] = rendered;
    remaining -= size(rendered);
  }
  return out;
}

function countsLine(spec: AllResourcesSpec): string {
  const counts = spec.sections.map((section) => plural(section.tally.total, section.noun)).join(', ');
  const problems = spec.sections.reduce((sum, section) => sum + section.tally.problems, 0);
  const verdict = problems > 0 ? `${problems} need attention:` : 'nothing needs attention.';
  return `Namespace "${spec.namespace}": ${counts}. ${verdict}`;
}

function problemLines(sections: readonly KindSection[], maxBytes: number): string[] {
  const perKind = sections.map((section) =>
    section.tally
      .rows()
      .filter((row) => row.problem !== undefined)
      .map((row) => `- ${section.label}/${row.cells[0]}: ${row.problem}`),
  );
  // Take turns across kinds, so a namespace full of broken deployments still shows its pods.
  const all: string[] = [];
  for (let index = 0; perKind.some((lines) => index < lines.length); index++) {
    for (const lines of perKind) if (index < lines.length) all.push(lines[index] ?? '');
  }
  const kept: string[] = [];
  let used = 0;
  for (const line of all) {
    if (used + line.length + 1 > maxBytes) break;
    kept.push(line);
    used += line.length + 1;
  }
  const total = sections.reduce((sum, section) => sum + section.tally.problems, 0);
  if (kept.length < total) kept.push(`- ...and ${total - kept.length} more (see the tables below)`);
  return kept;
}

function notes(spec: AllResourcesSpec): string[] {
  return spec.sections.flatMap((section) => (section.note ? [`Note: ${section.noun}: ${section.note}`] : []));
}
