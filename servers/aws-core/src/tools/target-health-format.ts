import { renderTable } from '@sre-agent/shared';
import type { TargetHealthShape } from '../aws-session.js';

export interface TargetRow {
  id: string;
  port: number | undefined;
  az: string;
  state: string;
  reason: string;
  description: string;
}

export interface TargetGroupHealth {
  name: string;
  arn: string;
  protocol: string;
  port: number | undefined;
  targetType: string;
  healthCheckPath: string | undefined;
  /** How many load balancers send it traffic (0: the group is not in use). */
  loadBalancers: number;
  targets: TargetRow[];
}

/** Worst first: what an incident wants to see is at the top. */
const STATE_ORDER: Record<string, number> = {
  unhealthy: 0,
  unavailable: 1,
  draining: 2,
  initial: 3,
  'unhealthy.draining': 2,
  unused: 4,
  healthy: 5,
};

export function toTargetRow(d: TargetHealthShape): TargetRow {
  return {
    id: d.Target?.Id ?? '?',
    port: d.Target?.Port,
    az: d.Target?.AvailabilityZone ?? '',
    state: d.TargetHealth?.State ?? '?',
    reason: d.TargetHealth?.Reason ?? '',
    description: d.TargetHealth?.Description ?? '',
  };
}

const rank = (t: TargetRow) => STATE_ORDER[t.state] ?? 1;

function counts(targets: readonly TargetRow[]): string {
  const byState = new Map<string, number>();
  for (const t of targets) byState.set(t.state, (byState.get(t.state) ?? 0) + 1);
  return [...byState].map(([state, n]) => `${n} ${state}`).join(', ') || 'no targets registered';
}

function groupBlock(g: TargetGroupHealth): string {
  const check = g.healthCheckPath ? `, health check ${g.healthCheckPath}` : '';
  const unused = g.loadBalancers === 0 ? ', not attached to a load balancer' : '';
  const head = `${g.name} (${g.protocol}:${g.port ?? '?'}, ${g.targetType}${check}${unused}): ${counts(g.targets)}`;
  if (g.targets.length === 0) return head;
  const rows = [...g.targets].sort((a, b) => rank(a) - rank(b));
  const table = renderTable(
    ['TARGET', 'PORT', 'AZ', 'STATE', 'REASON', 'DESCRIPTION'],
    rows.map((t) => [t.id, String(t.port ?? ''), t.az, t.state, t.reason, t.description]),
  );
  return `${head}\n${table}`;
}

export function formatTargetHealth(
  groups: readonly TargetGroupHealth[],
  asked: string,
  region: string,
): string {
  if (groups.length === 0) return `${asked} has no target groups in ${region}.`;
  const all = groups.flatMap((g) => g.targets);
  const bad = all.filter((t) => rank(t) < STATE_ORDER.healthy!);
  const attention =
    bad.length > 0 ? `; not healthy: ${bad.map((t) => `${t.id} (${t.state})`).join(', ')}` : '';
  // Groups with trouble first.
  const sorted = [...groups].sort(
    (a, b) => Math.min(5, ...a.targets.map(rank)) - Math.min(5, ...b.targets.map(rank)),
  );
  const header = `${asked} in ${region}: ${groups.length} target group(s), ${all.length} target(s)${attention}`;
  return [header, ...sorted.map(groupBlock)].join('\n\n');
}
