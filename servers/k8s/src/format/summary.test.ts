import { describe, expect, it } from 'vitest';
import { createTally, formatCounts, formatNamespaceCounts, type ListRow, plural } from './summary.js';
import { allocate } from './summary-all-resources.js';
import { createJsonCollector, formatListJson } from './summary-json.js';
import { formatListText } from './summary-text.js';

const row = (name: string, namespace: string, status: string, problem?: string, severity = 0): ListRow => ({
  cells: [name, status],
  namespace,
  status,
  problem,
  severity,
});

function sampleTally(count: number, maxRows = 1_000) {
  const tally = createTally(maxRows);
  for (let index = 0; index < count; index++) {
    const broken = index % 10 === 0;
    const pending = index % 10 === 5;
    tally.add(
      broken
        ? row(`pod-${index}`, `ns-${index % 3}`, 'CrashLoopBackOff', 'CrashLoopBackOff', 0)
        : pending
          ? row(`pod-${index}`, `ns-${index % 3}`, 'Pending', 'Unschedulable', 0)
          : row(`pod-${index}`, `ns-${index % 3}`, 'Running'),
    );
  }
  return tally;
}

describe('createTally', () => {
  it('counts by status, problem and namespace, and keeps only a bounded number of rows', () => {
    const tally = sampleTally(1_000, 50);
    expect(tally.total).toBe(1_000);
    expect(tally.problems).toBe(200);
    expect(tally.byStatus.get('Running')).toBe(800);
    expect(tally.byProblem.get('Unschedulable')).toBe(100);
    expect(tally.byNamespace.get('ns-0')).toEqual({ total: 334, problems: 67 });
    expect(tally.rows()).toHaveLength(100);
    expect(tally.droppedRows).toBe(900);
  });

  it('lists problems first, taking turns across kinds of problem, most severe first', () => {
    const tally = createTally(100);
    tally.add(row('ok', 'a', 'Running'));
    tally.add(row('slow-1', 'a', 'Running', 'not ready', 2));
    tally.add(row('crash-1', 'a', 'CrashLoopBackOff', 'CrashLoopBackOff', 0));
    tally.add(row('crash-2', 'a', 'CrashLoopBackOff', 'CrashLoopBackOff', 0));
    tally.add(row('slow-2', 'a', 'Running', 'not ready', 2));
    expect(tally.rows().map((item) => item.cells[0])).toEqual([
      'crash-1',
      'slow-1',
      'crash-2',
      'slow-2',
      'ok',
    ]);
  });
});

describe('formatCounts and plural', () => {
  it('puts the most frequent first and bounds the line', () => {
    const counts = new Map([
      ['Pending', 2],
      ['Running', 40],
      ['CrashLoopBackOff', 2],
    ]);
    expect(formatCounts(counts)).toBe('40 Running, 2 CrashLoopBackOff, 2 Pending');
    const many = new Map(Array.from({ length: 200 }, (_, index) => [`status-${index}`, 1] as const));
    expect(formatCounts(many, 100)).toMatch(/, \+\d+ more$/);
    expect(plural(1, 'pods')).toBe('1 pod');
    expect(plural(0, 'pods')).toBe('0 pods');
  });
});

describe('formatListText', () => {
  const spec = {
    noun: 'pods',
    scope: 'all namespaces',
    headers: ['NAME', 'STATUS'],
    withNamespace: true,
    more: 'Narrow it.',
  };

  it('fits the budget with a summary, problem rows first, and says what it left out', () => {
    const text = formatListText({ ...spec, tally: sampleTally(5_000), budgetBytes: 4_096 });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4_096);
    const lines = text.split('\n');
    expect(lines[0]).toBe('5000 pods in all namespaces: 4000 Running, 500 CrashLoopBackOff, 500 Pending.');
    expect(lines[1]).toBe('Need attention: 1000 (500 CrashLoopBackOff, 500 Unschedulable); listed first.');
    expect(lines[2]).toBe(
      'By namespace: ns-0 1667 (334 problems), ns-1 1667 (333 problems), ns-2 1666 (333 problems).',
    );
    expect(lines[3]).toMatch(/^NAMESPACE\s+NAME\s+STATUS$/);
    expect(lines[4]).toMatch(/CrashLoopBackOff/);
    expect(lines[5]).toMatch(/Pending/);
    expect(lines.at(-1)).toMatch(
      /^\[Showing \d+ of 5000 pods \(\d+ of 1000 needing attention\)\. Narrow it\.\]$/,
    );
  });

  it('shows everything when it fits, and says when nothing matched', () => {
    const text = formatListText({ ...spec, tally: sampleTally(3), budgetBytes: 4_096 });
    expect(text.split('\n')).toHaveLength(1 + 1 + 1 + 1 + 3);
    expect(text).not.toContain('[Showing');
    const empty = formatListText({ ...spec, tally: createTally(10), budgetBytes: 4_096 });
    expect(empty).toBe('No pods found in all namespaces (check the namespace and any selectors).');
  });

  it('in page mode, gives the continue token and the remaining count', () => {
    const text = formatListText({
      ...spec,
      tally: sampleTally(3),
      budgetBytes: 4_096,
      page: { continue: 'abc', remaining: 7 },
    });
    expect(text.split('\n')[0]).toMatch(/^3 pods on this page in all namespaces/);
    expect(text.split('\n').at(-1)).toBe(
      'Next page (about 7 more): call again with the same arguments and continue="abc".',
    );
    const last = formatListText({ ...spec, tally: sampleTally(3), budgetBytes: 4_096, page: {} });
    expect(last.split('\n').at(-1)).toBe('This is the last page.');
  });
});

describe('JSON output', () => {
  it('redacts as it collects, stops holding objects past the budget, and fits the envelope', () => {
    const collector = createJsonCollector(2_000);
    const secret = {
      metadata: { name: 's' },
      type: 'Opaque',
      data: { k: Buffer.from('SHOULD-NEVER-LEAK').toString('base64') },
    };
    collector.add(secret, true);
    for (let index = 0; index < 100; index++)
      collector.add({ metadata: { name: `obj-${index}`, pad: 'x'.repeat(200) } }, false);
    const items = collector.items();
    expect(items.length).toBeLessThan(20);
    expect(JSON.stringify(items)).not.toContain('U0hPVUxE');
    const tally = sampleTally(101);
    const body = formatListJson({
      kind: 'Secret',
      apiVersion: 'v1',
      scope: 'x',
      tally,
      items,
      budgetBytes: 1_500,
      more: 'More.',
    });
    const text = JSON.stringify(body);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1_500);
    expect(body.total).toBe(101);
    expect(body.itemsOmitted).toBe(101 - (body.items as unknown[]).length);
    expect((body.items as { kind: string }[])[0]?.kind).toBe('Secret');
    expect(body.howToGetMore).toBe('More.');
  });
});

describe('allocate', () => {
  it('lets small parts take what they need and splits the rest', () => {
    const render = (size: number) => (budget: number) => 'x'.repeat(Math.min(size, budget));
    const parts = allocate(
      [render(100), render(5_000), render(50), render(5_000)],
      (text) => text.length,
      1_000,
    );
    expect(parts.map((part) => part.length)).toEqual([100, 425, 50, 425]);
    const all = allocate([render(10), render(20)], (text) => text.length, 1_000);
    expect(all.map((part) => part.length)).toEqual([10, 20]);
  });
});

describe('formatNamespaceCounts', () => {
  it('says "1 problem", not "1 problems"', () => {
    const counts = new Map([
      ['payments', { total: 4, problems: 1 }],
      ['shop', { total: 3, problems: 2 }],
      ['default', { total: 1, problems: 0 }],
    ]);
    expect(formatNamespaceCounts(counts)).toBe('shop 3 (2 problems), payments 4 (1 problem), default 1');
  });
});
