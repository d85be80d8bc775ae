import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import type { Wire } from '../../kube-client.js';
import type { Finding } from '../finding.js';
import { conditionLine, refOf } from '../object-helpers.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';
import { evidenceLine, word } from '../snapshot-index.js';

type HpaLike = Wire<V2HorizontalPodAutoscaler>;

/**
 * HPAs that cannot do their job, most fundamental first, one finding each: the target's scale
 * cannot be read or written (AbleToScale=False), the metrics cannot be read (ScalingActive=False),
 * or it is pinned at maxReplicas while the load asks for more.
 */
export const hpasAnalyzer: Analyzer = {
  name: 'hpas',
  analyze(snapshot) {
    return snapshot.hpas.flatMap((hpa) => {
      const finding = analyzeOne(snapshot, hpa);
      return finding ? [finding] : [];
    });
  },
};

function analyzeOne(snapshot: ClusterSnapshot, hpa: HpaLike): Finding | undefined {
  const object = refOf('HorizontalPodAutoscaler', hpa);
  const conditions = hpa.status?.conditions ?? [];
  const find = (type: string) => conditions.find((item) => item.type === type);
  const target = hpa.spec?.scaleTargetRef;
  const targetText = `${target?.kind ?? '?'}/${target?.name ?? '?'}`;
  const targetRef = {
    kind: target?.kind ?? 'Deployment',
    namespace: object.namespace,
    name: target?.name ?? '?',
  };
  const replicas = `replicas: current ${hpa.status?.currentReplicas ?? 0}, desired ${hpa.status?.desiredReplicas ?? 0}, min ${hpa.spec?.minReplicas ?? 1}, max ${hpa.spec?.maxReplicas ?? '?'}`;
  const able = find('AbleToScale');
  if (able?.status === 'False') {
    return {
      severity: 'warning',
      object,
      cause: 'HPAUnableToScale',
      summary: `cannot scale ${word(targetText, 120)}: ${word(able.reason) || 'AbleToScale=False'} (does the target exist, may the controller update its scale?).`,
      evidence: [evidenceLine(conditionLine(able)), replicas],
      next: `get_events namespace=${object.namespace} involved_object=horizontalpodautoscaler/${object.name}`,
      related: [targetRef],
    };
  }
  const active = find('ScalingActive');
  // ScalingDisabled means the target was scaled to zero on purpose: autoscaling rests.
  if (active?.status === 'False' && active.reason !== 'ScalingDisabled') {
    const noMetricsApi = snapshot.podUsage === undefined && /Resource/.test(active.reason ?? '');
    return {
      severity: 'warning',
      object,
      cause: 'HPAMetricsUnavailable',
      summary: `cannot read its metrics (${word(active.reason) || 'ScalingActive=False'}), so ${word(targetText, 120)} stays at ${hpa.status?.currentReplicas ?? '?'} replicas${noMetricsApi ? '; metrics-server does not answer' : ''}.`,
      evidence: [evidenceLine(conditionLine(active)), replicas],
      next: noMetricsApi
        ? 'kubectl get apiservice v1beta1.metrics.k8s.io (is metrics-server installed and Available?)'
        : `kubectl describe hpa ${object.name} -n ${object.namespace} (a FailedGetResourceMetric often means pods without resource requests)`,
      related: [targetRef],
    };
  }
  const limited = find('ScalingLimited');
  const max = hpa.spec?.maxReplicas ?? Number.POSITIVE_INFINITY;
  const metrics = utilisation(hpa);
  const hot = metrics.filter((item) => item.current > item.target);
  const atMax = (hpa.status?.currentReplicas ?? 0) >= max;
  // TooManyReplicas: the HPA computed more than max; the load it read, when we see it, must agree.
  if (
    limited?.status === 'True' &&
    limited.reason === 'TooManyReplicas' &&
    atMax &&
    (hot.length || !metrics.length)
  ) {
    const load = hot.map((item) => `${item.name} at ${item.current}% of request (target ${item.target}%)`);
    return {
      severity: 'warning',
      object,
      cause: 'HPAAtMaxReplicas',
      summary: `pinned at maxReplicas ${max} and wants more${load.length ? `: ${load.join(', ')}` : ''}.`,
      evidence: [evidenceLine(conditionLine(limited)), replicas, ...load],
      next: `raise spec.maxReplicas (kubectl patch hpa ${object.name} -n ${object.namespace} -p '{"spec":{"maxReplicas":${max * 2}}}') if the nodes have room, or find what drives the load`,
      related: [targetRef],
    };
  }
  return undefined;
}

/** Resource metrics with both a utilisation target and a current value. */
function utilisation(hpa: HpaLike): { name: string; current: number; target: number }[] {
  const targets = new Map<string, number>();
  for (const metric of hpa.spec?.metrics ?? []) {
    const value = metric.resource?.target?.averageUtilization;
    if (metric.resource && value !== undefined) targets.set(metric.resource.name, value);
  }
  return (hpa.status?.currentMetrics ?? []).flatMap((metric) => {
    const name = metric.resource?.name;
    const current = metric.resource?.current?.averageUtilization;
    const target = name === undefined ? undefined : targets.get(name);
    return name !== undefined && current !== undefined && target !== undefined
      ? [{ name: word(name), current, target }]
      : [];
  });
}
