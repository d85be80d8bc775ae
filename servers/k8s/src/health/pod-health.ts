import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { formatAge } from '@sre-agent/shared';
import {
  conditionFinding,
  conditionOf,
  decide,
  type Finding,
  finding,
  type HealthReport,
  plain,
} from './verdict.js';

// Waiting reasons that will not fix themselves: the container cannot start as specified.
const brokenWaiting = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ErrImageNeverPull',
]);

/** A restart within this window counts as a current problem, not history. */
const recentRestartMs = 60 * 60_000;

export function podHealth(pod: V1Pod, now: Date): HealthReport {
  const status = pod.status;
  if (!status?.phase) return decide([finding('Unknown', 'the pod has no status yet')]);
  const findings: Finding[] = [];
  const statuses = [
    ...(status.initContainerStatuses ?? []).map((item) => ({ item, init: true })),
    ...(status.containerStatuses ?? []).map((item) => ({ item, init: false })),
  ];
  for (const { item, init } of statuses) findings.push(...containerFindings(item, init, status.phase, now));
  // After the containers: among equals, "container app: CrashLoopBackOff" says more than Ready=False.
  findings.push(...phaseFindings(pod, now));
  if (findings.every((item) => item.level === 'Healthy') && status.phase === 'Running') {
    const ready = (status.containerStatuses ?? []).filter((item) => item.ready).length;
    const total = pod.spec?.containers?.length ?? status.containerStatuses?.length ?? 0;
    findings.unshift(finding('Healthy', `Running, ${ready}/${total} container(s) ready`));
  }
  return decide(findings);
}

function phaseFindings(pod: V1Pod, now: Date): Finding[] {
  const status = pod.status ?? {};
  const why = plain(status.reason);
  const findings: Finding[] = [];
  if (pod.metadata?.deletionTimestamp) {
    findings.push(
      finding('Degraded', `terminating since ${formatAge(pod.metadata.deletionTimestamp, now)} ago`),
    );
  }
  switch (status.phase) {
    case 'Succeeded':
      findings.push(finding('Healthy', 'Succeeded: all containers exited 0 (a finished job pod)'));
      break;
    case 'Failed':
      findings.push(finding('Unhealthy', `Failed${why ? ` (${why})` : ''}`, status.message));
      break;
    case 'Unknown':
      findings.push(
        finding(
          'Unknown',
          `phase Unknown: the node stopped reporting${why ? ` (${why})` : ''}`,
          status.message,
        ),
      );
      break;
    case 'Pending':
      findings.push(pendingFinding(pod, now));
      break;
    default: {
      const ready = conditionOf(status.conditions, 'Ready');
      if (ready && ready.status !== 'True' && status.phase === 'Running') {
        findings.push(conditionFinding('Degraded', ready));
      }
    }
  }
  return findings;
}

function pendingFinding(pod: V1Pod, now: Date): Finding {
  const scheduled = conditionOf(pod.status?.conditions, 'PodScheduled');
  if (scheduled?.status === 'False') {
    return finding('Unhealthy', `Pending, ${plain(scheduled.reason) ?? 'not scheduled'}`, scheduled.message);
  }
  const age = formatAge(pod.metadata?.creationTimestamp, now);
  return finding('Degraded', `Pending for ${age}: scheduled, containers not started yet`);
}

function containerFindings(status: V1ContainerStatus, init: boolean, phase: string, now: Date): Finding[] {
  const label = `${init ? 'init container' : 'container'} ${status.name}`;
  const findings: Finding[] = [];
  const { waiting, terminated } = status.state ?? {};
  if (waiting) {
    const reason = plain(waiting.reason) ?? 'Waiting';
    const level = brokenWaiting.has(reason) ? 'Unhealthy' : 'Degraded';
    findings.push(finding(level, `${label}: ${reason}`, waiting.message));
  } else if (terminated && !init && phase === 'Running') {
    const level = terminated.exitCode === 0 ? 'Degraded' : 'Unhealthy';
    findings.push(
      finding(level, `${label}: terminated (${plain(terminated.reason) ?? 'exit'} ${terminated.exitCode})`),
    );
  } else if (status.state?.running && !init && !status.ready && phase === 'Running') {
    findings.push(finding('Degraded', `${label}: running but not ready (readiness probe failing?)`));
  }
  const restart = restartFinding(status, label, now);
  if (restart) findings.push(restart);
  return findings;
}

function restartFinding(status: V1ContainerStatus, label: string, now: Date): Finding | undefined {
  const last = status.lastState?.terminated;
  const count = status.restartCount ?? 0;
  if (count === 0 && !last) return undefined;
  const what = last ? `${plain(last.reason) ?? 'exited'}, exit code ${last.exitCode}` : 'reason unknown';
  const finishedAt = last?.finishedAt;
  const ago = finishedAt ? `, last ${formatAge(finishedAt, now)} ago` : '';
  const reason = `${label}: ${count} restart(s) (last: ${what}${ago})`;
  const recent = finishedAt ? now.getTime() - new Date(finishedAt).getTime() < recentRestartMs : count >= 3;
  // An OOM kill stays worth flagging even when old: the memory limit is still what it was.
  if (last?.reason === 'OOMKilled')
    return finding('Degraded', `${reason}: out of memory, check limits.memory`);
  return finding(recent ? 'Degraded' : 'Healthy', reason);
}
