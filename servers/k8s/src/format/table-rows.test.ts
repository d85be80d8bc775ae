import { describe, expect, it } from 'vitest';
import { asTable, type KubeTable, tableRow, visibleColumns } from './table-rows.js';

const table: KubeTable = {
  columnDefinitions: [
    { name: 'Name' },
    { name: 'Ready' },
    { name: 'Token' },
    { name: 'Endpoint' },
    { name: 'Message', priority: 1 },
  ],
  rows: [],
};

describe('tableRow', () => {
  it('keeps the default columns, flags a not-Ready row, and masks secret-looking cells', () => {
    const columns = visibleColumns(table);
    expect(columns.map((column) => column.header)).toEqual(['NAME', 'READY', 'TOKEN', 'ENDPOINT']);
    const row = tableRow(
      {
        cells: ['db', 'False', 's3cr3t-v4lue-123', 'postgres://app:hunter2hunter2@db:5432/app', 'long text'],
        object: { metadata: { name: 'db', namespace: 'shop' } },
      },
      columns,
    );
    expect(row.namespace).toBe('shop');
    expect(row.problem).toBe('not Ready');
    expect(row.cells[0]).toBe('db');
    expect(row.cells[2]).toMatch(/^<masked: /);
    expect(row.cells.join(' ')).not.toContain('hunter2hunter2');
    expect(row.cells.join(' ')).not.toContain('s3cr3t-v4lue-123');
  });

  it("shows a SECRET column's Secret name: it is a reference, not a value", () => {
    const columns = visibleColumns({ columnDefinitions: [{ name: 'Name' }, { name: 'Secret' }] });
    expect(tableRow({ cells: ['checkout-tls', 'checkout-tls'] }, columns).cells).toEqual([
      'checkout-tls',
      'checkout-tls',
    ]);
  });

  it('reads READY fractions and leaves healthy rows alone', () => {
    const columns = visibleColumns({ columnDefinitions: [{ name: 'Name' }, { name: 'Ready' }] });
    expect(tableRow({ cells: ['a', '1/3'] }, columns).problem).toBe('not all ready');
    expect(tableRow({ cells: ['b', '3/3'] }, columns)).toMatchObject({ problem: undefined, status: 'ready' });
  });
});

describe('asTable', () => {
  it('gives a plain list (an API that cannot print Tables) Name and Age columns', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const table = asTable(
      {
        metadata: { continue: 'next' },
        items: [{ metadata: { name: 'a', namespace: 'shop', creationTimestamp: '2026-02-28T12:00:00Z' } }],
      },
      now,
    );
    expect(table.columnDefinitions?.map((column) => column.name)).toEqual(['Name', 'Age']);
    expect(table.rows?.[0]).toEqual({
      cells: ['a', '1d'],
      object: { metadata: expect.objectContaining({ namespace: 'shop' }) },
    });
    expect(table.metadata?.continue).toBe('next');
    const real = { columnDefinitions: [{ name: 'Name' }], rows: [{ cells: ['x'] }] };
    expect(asTable(real, now)).toBe(real);
  });
});
