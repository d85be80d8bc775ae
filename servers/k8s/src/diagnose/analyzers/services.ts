import type { V1Service } from '@kubernetes/client-node';
import type { Wire } from '../../kube-client.js';
import type { Finding, ObjectRef } from '../finding.js';
import {
  canRead,
  graceMs,
  isPodLive,
  isPodReady,
  labelsText,
  matchesLabels,
  msSince,
  nameList,
  notReadySince,
  refOf,
} from '../object-helpers.js';
import { nearestLabels } from '../selector-hints.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';
import { indexSnapshot, type PodLike } from '../snapshot-index.js';

/**
 * Services that route nowhere. A selector matching no pod is a cause of its own (often a typo:
 * "did you mean app=checkout?"); pods that match but are all unready are a symptom, ranked low,
 * naming the workloads whose own findings explain it. Services without a selector (Endpoints
 * filled by hand) and ExternalName aliases are skipped; so is a workload scaled to zero.
 */
export const servicesAnalyzer: Analyzer = {
  name: 'services',
  analyze(snapshot, now) {
    if (snapshot.services.length === 0 || !canRead(snapshot, 'pods')) return [];
    const byNamespace = new Map<string, PodLike[]>();
    for (const pod of snapshot.pods) {
      if (!isPodLive(pod)) continue;
      const namespace = pod.metadata?.namespace ?? '';
      const list = byNamespace.get(namespace);
      if (list) list.push(pod);
      else byNamespace.set(namespace, [pod]);
    }
    return snapshot.services.flatMap((service) => {
      const selector = service.spec?.selector ?? {};
      if (service.spec?.type === 'ExternalName' || Object.keys(selector).length === 0) return [];
      const pods = byNamespace.get(service.metadata?.namespace ?? '') ?? [];
      const finding = analyzeOne(snapshot, service, selector, pods, now);
      return finding ? [finding] : [];
    });
  },
};

function analyzeOne(
  snapshot: ClusterSnapshot,
  service: Wire<V1Service>,
  selector: Record<string, string>,
  pods: PodLike[],
  now: Date,
): Finding | undefined {
  const object = refOf('Service', service);
  const selectorText = labelsText(selector);
  const matching = pods.filter((pod) => matchesLabels(pod.metadata?.labels, selector));
  if (matching.length === 0) {
    const workloads = workloadsSelected(snapshot, object.namespace, selector);
    // Scaled to zero on purpose: nothing to route to, nothing wrong.
    if (workloads.length > 0 && workloads.every((item) => item.replicas === 0)) return undefined;
    const running = workloads.filter((item) => item.replicas !== 0);
    if (running.length > 0) {
      const old = running.some((item) => (msSince(item.created, now) ?? 0) > graceMs);
      return old
        ? symptom(
            object,
            selectorText,
            [],
            running.map((item) => item.ref),
          )
        : undefined;
    }
    const hint = nearestLabels(selector, pods);
    return {
      severity: 'critical',
      object,
      cause: 'ServiceNoMatchingPods',
      summary: `selector ${selectorText} matches no pod in ${object.namespace}${hint.suggestion ? `; did you mean ${hint.suggestion}? (${hint.suggestionPods} pod${hint.suggestionPods === 1 ? '' : 's'} carry it)` : ''}.`,
      evidence: [`spec.selector: ${selectorText}`, ...hint.evidence],
      next: hint.suggestion
        ? `list_pods_from_namespace namespace=${object.namespace} label_selector=${hint.suggestion}; then fix the Service's spec.selector or the pod template's labels`
        : `list_pods_from_namespace namespace=${object.namespace} (is the workload behind ${object.name} deployed?)`,
    };
  }
  if (matching.some(isPodReady)) return undefined;
  // Down since the last pod stopped being ready; younger than the grace period is a restart.
  const downFor = Math.min(...matching.map((pod) => msSince(notReadySince(pod), now) ?? 0));
  if (downFor <= graceMs) return undefined;
  const index = indexSnapshot(snapshot);
  const owners = new Map<string, ObjectRef>();
  for (const pod of matching) {
    const owner = index.topOwner(pod);
    owners.set(`${owner.kind}/${owner.name}`, owner);
  }
  return symptom(object, selectorText, matching, [...owners.values()]);
}

/** The Service only shows what its workloads' own findings explain: ranked low, pointing at them. */
function symptom(object: ObjectRef, selectorText: string, pods: PodLike[], owners: ObjectRef[]): Finding {
  const names = pods.map((pod) => pod.metadata?.name ?? '?').sort();
  const workloads = owners.map((owner) => `${owner.kind}/${owner.name}`);
  const first = owners[0];
  const what = pods.length
    ? `${pods.length} pod${pods.length === 1 ? '' : 's'} match ${selectorText}, none ready`
    : `no pod matches ${selectorText}: its workload has none running`;
  return {
    severity: 'critical',
    object,
    cause: 'ServiceNoReadyPods',
    summary: `no ready endpoint: ${what}; see ${nameList(workloads, 3)}.`,
    evidence: [`spec.selector: ${selectorText}`, ...(names.length ? [`not ready: ${nameList(names)}`] : [])],
    next: first
      ? `diagnose_workload kind=${first.kind} name=${first.name} namespace=${object.namespace} (why it has no ready pod)`
      : `get_events namespace=${object.namespace}`,
    related: [...owners, ...pods.slice(0, 5).map((pod) => refOf('Pod', pod))],
  };
}

/** Deployments and StatefulSets whose pod template carries the selector's labels. */
function workloadsSelected(
  snapshot: ClusterSnapshot,
  namespace: string | undefined,
  selector: Record<string, string>,
) {
  return [
    ...snapshot.deployments.map((item) => ({ kind: 'Deployment', item })),
    ...snapshot.statefulSets.map((item) => ({ kind: 'StatefulSet', item })),
  ]
    .filter(
      ({ item }) =>
        item.metadata?.namespace === namespace &&
        matchesLabels(item.spec?.template?.metadata?.labels, selector),
    )
    .map(({ kind, item }) => ({
      ref: refOf(kind, item),
      replicas: item.spec?.replicas ?? 1,
      created: item.metadata?.creationTimestamp,
    }));
}
