import { renderTable } from '@sre-agent/shared';
import type { Decimal } from 'decimal.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';
import { formatMoney, formatShare, sumAmounts } from './money.js';

export interface BreakdownView {
  title: string;
  /** Column header for the names, e.g. SERVICE. */
  column: string;
  /** Largest first. */
  rows: [string, Decimal][];
  unit: string;
  estimated: boolean;
  topN: number;
  meter: RequestMeter;
  notes?: string[];
}

/** A ranked table of amounts with shares, the rest summed into one "others" line, and the total. */
export function formatBreakdown(view: BreakdownView): string {
  const total = sumAmounts(view.rows.map(([, amount]) => amount));
  const shown = view.rows.slice(0, view.topN);
  const rest = view.rows.slice(view.topN);
  const rows = shown.map(([name, amount], i) => [
    String(i + 1),
    name,
    formatMoney(amount, view.unit),
    formatShare(amount, total),
  ]);
  if (rest.length > 0) {
    const restSum = sumAmounts(rest.map(([, amount]) => amount));
    const others = `(${rest.length} other${rest.length === 1 ? '' : 's'})`;
    rows.push(['', others, formatMoney(restSum, view.unit), formatShare(restSum, total)]);
  }
  const head = [
    view.title,
    formatMeterLine(view.meter),
    `Total: ${formatMoney(total, view.unit)}${view.estimated ? ' (estimated: the period is not final yet)' : ''}`,
    ...(view.notes ?? []),
    '',
  ];
  if (view.rows.length === 0) return [...head, 'No costs in this period.'].join('\n');
  // The note names groups, so it follows the table: a caller fencing the table as data fences it too.
  return [...head, renderTable(['#', view.column, 'COST', 'SHARE'], rows), ...belowZeroNote(view)].join('\n');
}

/** Groups below zero are credits or refunds larger than the charges: say so, wherever they rank. */
function belowZeroNote(view: BreakdownView): string[] {
  const negative = view.rows.filter(([, amount]) => amount.isNegative());
  if (negative.length === 0) return [];
  const listed = negative
    .slice(-5)
    .reverse()
    .map(([name, amount]) => `${name} ${formatMoney(amount, view.unit)}`);
  const more = negative.length > 5 ? `, and ${negative.length - 5} more` : '';
  return [`Below zero (credits or refunds larger than the charges): ${listed.join(', ')}${more}`];
}
