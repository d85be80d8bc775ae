import { renderTable } from '@sre-agent/shared';
import type { NodeTop, PodTop, Usage } from '../top/read-usage.js';

export type TopSort = 'cpu' | 'memory';

/** kubectl top pods, with the pod's requests and limits beside its usage. */
export function formatPodTop(rows: PodTop[], sortBy: TopSort, limit: number, scope: string): string {
  const sorted = [...rows].sort((a, b) => b.usage[sortBy] - a.usage[sortBy]);
  const shown = sorted.slice(0, limit);
  const total = rows.reduce(
    (sum, row) => ({ cpu: sum.cpu + row.usage.cpu, memory: sum.memory + row.usage.memory }),
    {
      cpu: 0,
      memory: 0,
    },
  );
  const table = renderTable(
    ['NAMESPACE', 'POD', 'CPU', 'CPU/REQ', 'CPU/LIM', 'MEMORY', 'MEM/REQ', 'MEM/LIM'],
    shown.map((row) => [
      row.namespace,
      row.name,
      millicores(row.usage.cpu),
      percent(row.usage.cpu, row.requests.cpu),
      percent(row.usage.cpu, row.limits.cpu),
      mebibytes(row.usage.memory),
      percent(row.usage.memory, row.requests.memory),
      percent(row.usage.memory, row.limits.memory),
    ]),
  );
  const nearLimit = rows.filter((row) => ratio(row.usage.memory, row.limits.memory) >= 0.9).length;
  return [
    `Pod usage in ${scope}, by ${sortBy}: top ${shown.length} of ${rows.length} pod(s); total ${millicores(total.cpu)} CPU, ${mebibytes(total.memory)} memory.`,
    nearLimit > 0 ? `${nearLimit} pod(s) use 90% or more of their memory limit (OOM kill risk).` : '',
    table,
    '"-": no request or limit set on every container. Usage is metrics-server\'s last sample (about 15 s).',
  ]
    .filter(Boolean)
    .join('\n');
}

/** kubectl top nodes, with what the scheduled pods requested (what the scheduler counts). */
export function formatNodeTop(rows: NodeTop[], sortBy: TopSort, limit: number): string {
  const sorted = [...rows].sort((a, b) => b.usage[sortBy] - a.usage[sortBy]);
  const shown = sorted.slice(0, limit);
  const table = renderTable(
    ['NODE', 'CPU', 'CPU%', 'CPU REQ%', 'MEMORY', 'MEM%', 'MEM REQ%', 'PODS'],
    shown.map((row) => [
      row.name,
      millicores(row.usage.cpu),
      percent(row.usage.cpu, row.allocatable.cpu),
      percent(row.requested.cpu, row.allocatable.cpu),
      mebibytes(row.usage.memory),
      percent(row.usage.memory, row.allocatable.memory),
      percent(row.requested.memory, row.allocatable.memory),
      String(row.pods),
    ]),
  );
  return [
    `Node usage, by ${sortBy}: ${shown.length} of ${rows.length} node(s). % are of allocatable; REQ% is what scheduled pods requested (the scheduler's view).`,
    table,
  ].join('\n');
}

function ratio(used: number, of: number | undefined): number {
  return of ? used / of : 0;
}

function percent(used: number, of: number | undefined): string {
  return of ? `${Math.round((used / of) * 100)}%` : '-';
}

function millicores(value: Usage['cpu']): string {
  return `${Math.round(value)}m`;
}

function mebibytes(value: Usage['memory']): string {
  return `${Math.round(value / 2 ** 20)}Mi`;
}
