import type { V1Probe } from '@kubernetes/client-node';
import type { Wire } from '../../kube-client.js';
import type { PodCause } from '../causes.js';
import { containersOf, groupPodProblems, type PodProblem } from '../pod-findings.js';
import type { Analyzer } from '../snapshot.js';
import { eventCount, eventTime, evidenceLine, indexSnapshot, type PodLike, word } from '../snapshot-index.js';

type ProbeKind = 'Readiness' | 'Liveness' | 'Startup';
const causeOf: Record<ProbeKind, PodCause> = {
  Readiness: 'ReadinessProbeFailing',
  Liveness: 'LivenessProbeFailing',
  Startup: 'StartupProbeFailing',
};
/** An Unhealthy event this recent means the probe is failing now, not an hour ago. */
const currentMs = 10 * 60_000;

/** The probe as one short phrase: "GET :8080/healthz", "tcp :5432", "exec pg_isready". */
export function describeProbe(probe: Wire<V1Probe> | undefined): string {
  if (!probe) return 'probe';
  if (probe.httpGet) return `GET :${word(String(probe.httpGet.port))}${word(probe.httpGet.path ?? '/', 80)}`;
  if (probe.tcpSocket) return `tcp :${word(String(probe.tcpSocket.port))}`;
  if (probe.grpc) return `grpc :${probe.grpc.port}`;
  if (probe.exec) return `exec ${word((probe.exec.command ?? []).join(' ').slice(0, 40))}`;
  return 'probe';
}

/** Failing readiness, liveness and startup probes, from the kubelet's Unhealthy events. */
export const probesAnalyzer: Analyzer = {
  name: 'probes',
  analyze(snapshot, now) {
    const index = indexSnapshot(snapshot);
    const problems: PodProblem[] = [];
    for (const pod of snapshot.pods) {
      if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
      const seen = new Set<ProbeKind>();
      for (const event of index.eventsFor('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '')) {
        if (event.reason !== 'Unhealthy') continue;
        const kind = /^(Readiness|Liveness|Startup) probe/.exec(event.message ?? '')?.[1] as
          | ProbeKind
          | undefined;
        if (!kind || seen.has(kind)) continue;
        const container = /spec\.(?:init)?containers\{([^}]+)\}/.exec(
          event.involvedObject?.fieldPath ?? '',
        )?.[1];
        if (!stillFailing(pod, kind, container, now.getTime() - eventTime(event))) continue;
        seen.add(kind);
        problems.push(problemFor(pod, kind, container, event.message ?? '', eventCount(event)));
      }
    }
    return groupPodProblems(snapshot, problems);
  },
};

function stillFailing(pod: PodLike, kind: ProbeKind, container: string | undefined, ageMs: number): boolean {
  if (ageMs < currentMs) return true;
  if (kind !== 'Readiness') return false;
  // An older readiness event still counts while the container is not ready.
  return containersOf(pod).some(({ status }) => (!container || status.name === container) && !status.ready);
}

function problemFor(
  pod: PodLike,
  kind: ProbeKind,
  container: string | undefined,
  message: string,
  count: number,
): PodProblem {
  const spec =
    (pod.spec?.containers ?? []).find((item) => item.name === container) ??
    (pod.spec?.containers ?? []).find((item) => item[probeField(kind)]);
  const probe = spec?.[probeField(kind)];
  const name = spec?.name ?? container ?? '?';
  const namespace = pod.metadata?.namespace;
  const effect =
    kind === 'Readiness' ? 'the pod gets no Service traffic' : 'the kubelet kills and restarts the container';
  return {
    pod,
    cause: causeOf[kind],
    headline: `${kind.toLowerCase()} probe ${describeProbe(probe)} of container ${word(name)} fails (${count}x recently), so ${effect}.`,
    evidence: [evidenceLine(`event Unhealthy (x${count}): ${message}`)],
    next: `get_pod_logs namespace=${namespace} pod_name=${pod.metadata?.name} container=${word(name)}; check the endpoint answers in time (timeoutSeconds=${probe?.timeoutSeconds ?? 1}, failureThreshold=${probe?.failureThreshold ?? 3}).`,
  };
}

function probeField(kind: ProbeKind) {
  return kind === 'Readiness' ? 'readinessProbe' : kind === 'Liveness' ? 'livenessProbe' : 'startupProbe';
}
