import type { KubeApis } from '../kube-client.js';
import type { Finding } from './finding.js';
import { containersOf } from './pod-findings.js';
import type { ClusterSnapshot } from './snapshot.js';
import { evidenceLine } from './snapshot-index.js';

/** Only the top crash loops get a log read: one request each, never one per pod of the cluster. */
export const crashLogFindings = 3;
// Three findings x 10 lines x 200 characters stay under a third of the default 16 kB budget.
const tailLines = 10;
const limitBytes = 16 * 1024;

/**
 * Appends the last lines the crashed instance printed (`previous: true`) to the top crash-loop
 * findings: usually the line that says why. A log that cannot be read is simply left out.
 */
export async function addCrashLogs(
  apis: KubeApis,
  snapshot: ClusterSnapshot,
  findings: readonly Finding[],
): Promise<void> {
  const targets = findings
    .filter((finding) => finding.cause === 'CrashLoopBackOff')
    .slice(0, crashLogFindings);
  await Promise.all(targets.map((finding) => addLog(apis, snapshot, finding)));
}

async function addLog(apis: KubeApis, snapshot: ClusterSnapshot, finding: Finding): Promise<void> {
  const ref =
    finding.related?.find((item) => item.kind === 'Pod') ??
    (finding.object.kind === 'Pod' ? finding.object : undefined);
  const pod = snapshot.pods.find(
    (item) => item.metadata?.namespace === ref?.namespace && item.metadata?.name === ref?.name,
  );
  if (!ref?.namespace || !pod) return;
  const crashed = containersOf(pod).find(({ status }) => status.lastState?.terminated)?.status.name;
  if (!crashed) return;
  try {
    const log = await apis.core.readNamespacedPodLog({
      name: ref.name,
      namespace: ref.namespace,
      container: crashed,
      previous: true,
      tailLines,
      limitBytes,
    });
    const lines = log.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) return;
    finding.evidence.push(
      `previous log of ${ref.name}/${crashed} (last ${lines.length} lines):`,
      ...lines.map((line) => `  ${evidenceLine(line, 200)}`),
    );
  } catch {
    // No previous instance, or pods/log not allowed: the finding stands without it.
  }
}
