import { fenceUntrusted } from '@sre-agent/shared';
import type { HealthReport } from '../health/verdict.js';

export interface HealthView {
  kind: string;
  namespace: string | undefined;
  name: string;
  report: HealthReport;
  /** What to call next to dig in, in this server's tool names. */
  next: readonly string[];
}

/**
 * The verdict and reasons are ours (identifiers and counts); the status messages behind them
 * were written by the cluster, so they are fenced like any other cluster text.
 */
export function formatHealth(view: HealthView): string {
  const where = view.namespace ? `${view.namespace}/${view.name}` : view.name;
  const lines = [
    `${view.kind} ${where}: ${view.report.verdict}`,
    'Reasons (worst first):',
    ...view.report.reasons.map((reason) => `- ${reason}`),
  ];
  if (view.report.details.length > 0) {
    const details = view.report.details.map((detail) => `- ${detail}`).join('\n');
    lines.push(
      `What the cluster says:\n${fenceUntrusted(`status messages of ${view.kind} ${where}`, details)}`,
    );
  }
  if (view.next.length > 0 && view.report.verdict !== 'Healthy') lines.push(`Next: ${view.next.join('; ')}.`);
  return lines.join('\n');
}
