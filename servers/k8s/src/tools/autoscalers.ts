import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import type { AutoscalerInfo } from '../format/scale.js';
import type { KubeApis } from '../kube-client.js';
import { forEachObject, kubeFetcher } from '../list-all.js';

/** Far more HPAs than any namespace has; the check must not walk a pathological list for long. */
const maxAutoscalers = 2_000;

/**
 * The HorizontalPodAutoscalers that target a deployment: each one resets a manual scale at its
 * next sync, so the human confirming the write must know. Not being able to tell is reported
 * as a note rather than blocking the write: HPA read access is not required to scale.
 */
export async function autoscalersOf(
  apis: KubeApis,
  namespace: string,
  deployment: string,
): Promise<{ autoscalers: AutoscalerInfo[]; autoscalerNote?: string }> {
  const autoscalers: AutoscalerInfo[] = [];
  const fetch = kubeFetcher(apis, { resource: 'horizontalpodautoscalers', namespace }, (query) =>
    apis.autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace, ...query }),
  );
  const visit = (hpa: V2HorizontalPodAutoscaler) => {
    const target = hpa.spec?.scaleTargetRef;
    if (target?.kind !== 'Deployment' || target.name !== deployment) return;
    autoscalers.push({
      name: hpa.metadata?.name ?? '?',
      // The API server defaults minReplicas to 1.
      min: hpa.spec?.minReplicas ?? 1,
      max: hpa.spec?.maxReplicas ?? 0,
    });
  };
  try {
    await forEachObject([fetch], {}, visit, { cap: maxAutoscalers });
    return { autoscalers };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const autoscalerNote = `Could not check for a HorizontalPodAutoscaler on ${deployment}: ${reason} If one targets it, it will undo a manual scale.`;
    return { autoscalers, autoscalerNote };
  }
}
