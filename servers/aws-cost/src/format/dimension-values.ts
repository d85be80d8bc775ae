import { fenceUntrusted, renderTable } from '@sre-agent/shared';
import type { DimensionValue, ValueList } from '../ce-types.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';

function moreLine(list: ValueList<unknown>, shown: number): string[] {
  if (!list.truncated) return [];
  const total = list.totalSize ? ` of ${list.totalSize}` : '';
  return [`(showing ${shown}${total}; narrow with search, or raise limit)`];
}

export function formatDimensionValues(
  title: string,
  list: ValueList<DimensionValue>,
  meter: RequestMeter,
): string {
  const lines = [title, formatMeterLine(meter)];
  if (list.values.length === 0) return [...lines, '', 'No values in this period.'].join('\n');
  const described = list.values.some((v) => v.Attributes?.description);
  const rows = list.values.map((v) =>
    described ? [v.Value ?? '', v.Attributes?.description ?? ''] : [v.Value ?? ''],
  );
  const table = renderTable(described ? ['VALUE', 'DESCRIPTION'] : ['VALUE'], rows);
  // Descriptions are account names, which a member account writes itself: show them as data.
  lines.push(
    `${list.values.length} value(s):`,
    described ? fenceUntrusted('value descriptions', table) : table,
  );
  return [...lines, ...moreLine(list, list.values.length)].join('\n');
}

export function formatTagValues(
  tagKey: string,
  title: string,
  list: ValueList<string>,
  meter: RequestMeter,
): string {
  const lines = [title, formatMeterLine(meter)];
  if (list.values.length === 0) {
    return [
      ...lines,
      '',
      `No values for tag "${tagKey}" in this period. Is it activated as a cost allocation tag?`,
    ].join('\n');
  }
  // Tag values are written by whoever tags resources: show them as data.
  lines.push(
    `${list.values.length} value(s):`,
    fenceUntrusted(`values of tag ${tagKey}`, list.values.join('\n')),
  );
  lines.push(`Untagged costs are filtered with "${tagKey}=" and grouped as "(no ${tagKey} tag)".`);
  return [...lines, ...moreLine(list, list.values.length)].join('\n');
}
