import type { PodCause } from '../causes.js';
import type { ObjectRef } from '../finding.js';
import { containersOf, groupPodProblems, type PodProblem } from '../pod-findings.js';
import type { Analyzer } from '../snapshot.js';
import { evidenceLine, indexSnapshot, type PodLike, word } from '../snapshot-index.js';

interface Missing {
  cause: PodCause;
  kind: 'Secret' | 'ConfigMap';
  name: string;
  key?: string;
}

/**
 * The kubelet's wording: `secret "x" not found`, `configmap "x" not found`,
 * `couldn't find key k in Secret ns/x`, `couldn't find key k in ConfigMap ns/x`; mounts say the same
 * inside `MountVolume.SetUp failed for volume "v" : secret "x" not found`.
 */
export function parseMissing(message: string): Missing | undefined {
  const key = /couldn't find key (\S+) in (Secret|ConfigMap) (?:[\w.-]+\/)?([\w.-]+)/i.exec(message);
  if (key) {
    const kind = key[2]?.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
    const cause = kind === 'Secret' ? 'MissingSecretKey' : 'MissingConfigKey';
    return { cause, kind, name: key[3] ?? '', key: key[1] ?? '' };
  }
  const object = /(secret|configmap)s? "([\w.-]+)" not found/i.exec(message);
  if (object) {
    const kind = object[1]?.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
    return { cause: kind === 'Secret' ? 'MissingSecret' : 'MissingConfigMap', kind, name: object[2] ?? '' };
  }
  return undefined;
}

/**
 * CreateContainerConfigError (env and envFrom) and pods stuck in ContainerCreating on a volume
 * whose Secret or ConfigMap is missing (FailedMount events): both name the object and key.
 */
export const configErrorAnalyzer: Analyzer = {
  name: 'config-error',
  analyze(snapshot) {
    const index = indexSnapshot(snapshot);
    const problems: PodProblem[] = [];
    for (const pod of snapshot.pods) {
      const namespace = pod.metadata?.namespace;
      const waiting = containersOf(pod).find(
        ({ status }) => status.state?.waiting?.reason === 'CreateContainerConfigError',
      )?.status;
      // Only a scheduled pod still creating its containers can be stuck on a volume.
      const mounting = !waiting && pod.spec?.nodeName && pod.status?.phase === 'Pending';
      const mountFailures = mounting
        ? index
            .eventsFor('Pod', namespace, pod.metadata?.name ?? '')
            .filter((event) => event.reason === 'FailedMount' && parseMissing(event.message ?? ''))
        : [];
      if (waiting) {
        const message = waiting.state?.waiting?.message ?? '';
        problems.push(
          problemFor(
            pod,
            parseMissing(message),
            `container ${waiting.name}`,
            `state.waiting: CreateContainerConfigError: ${message}`,
          ),
        );
      } else if (mountFailures[0]) {
        const message = mountFailures[0].message ?? '';
        problems.push(problemFor(pod, parseMissing(message), 'a volume', `event FailedMount: ${message}`));
      }
    }
    return groupPodProblems(snapshot, problems);
  },
};

function problemFor(pod: PodLike, missing: Missing | undefined, where: string, evidence: string): PodProblem {
  const namespace = pod.metadata?.namespace;
  if (!missing) {
    return {
      pod,
      cause: 'CreateContainerConfigError',
      headline: `${where} cannot be created from its spec (see the message).`,
      evidence: [evidenceLine(evidence)],
      next: `get_pod_details namespace=${namespace} pod_name=${pod.metadata?.name}; fix the container spec.`,
    };
  }
  const ref: ObjectRef = { kind: missing.kind, namespace, name: word(missing.name, 253) };
  const what = missing.key
    ? `key ${word(missing.key)} is missing from ${missing.kind} ${ref.name}`
    : `${missing.kind} ${ref.name} does not exist`;
  const list = missing.kind === 'Secret' ? 'list_secrets_from_namespace' : 'list_configmaps_from_namespace';
  return {
    pod,
    cause: missing.cause,
    headline: `${where} cannot start: ${what} in namespace ${namespace}.`,
    evidence: [evidenceLine(evidence)],
    next: `${list} namespace=${namespace} to compare names; create it (or the key), or fix the reference in the workload.`,
    related: [ref],
  };
}
