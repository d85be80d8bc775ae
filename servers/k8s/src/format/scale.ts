/** A HorizontalPodAutoscaler that targets the deployment being scaled. */
export interface AutoscalerInfo {
  name: string;
  min: number;
  max: number;
}

export interface ScalePlan {
  namespace: string;
  name: string;
  context: string;
  current: number;
  target: number;
  readyNow: number;
  /** HPAs targeting the deployment: each one undoes a manual scale. */
  autoscalers?: AutoscalerInfo[];
  /** Why the HPA check could not be made, when it could not. */
  autoscalerNote?: string | undefined;
}

/** The one line a human approves: what changes, where, and what could go wrong. */
export function scalePreview(plan: ScalePlan): string {
  const lines = [
    `${plan.namespace}/${plan.name}: ${plan.current} -> ${plan.target} replicas (context ${plan.context})`,
  ];
  if (plan.target === 0) {
    lines.push(
      `Warning: scaling to 0 stops every pod of ${plan.name}; it serves no traffic until scaled up again.`,
    );
  } else if (plan.target < plan.current) {
    lines.push(`Scaling down removes ${plan.current - plan.target} pod(s); ${plan.readyNow} are ready now.`);
  }
  lines.push(...autoscalerWarnings(plan));
  return lines.join('\n');
}

/**
 * The HPA controller rewrites the replica count from its metrics at every sync (15 s by default),
 * so a manual scale of an autoscaled deployment lasts seconds: the human must know before saying yes.
 */
function autoscalerWarnings(plan: ScalePlan): string[] {
  const warnings = (plan.autoscalers ?? []).map(
    (hpa) =>
      `Warning: HorizontalPodAutoscaler ${hpa.name} (min ${hpa.min}, max ${hpa.max}) manages ${plan.name} and will override this manual scale within seconds, setting replicas back to what its metrics ask for between ${hpa.min} and ${hpa.max}. To change the range, edit the HPA instead.`,
  );
  if (plan.autoscalerNote) warnings.push(plan.autoscalerNote);
  return warnings;
}

export function scaleOutcomeText(
  outcome: 'applied' | 'declined' | 'unchanged',
  plan: ScalePlan,
  after?: number,
): string {
  const target = `${plan.namespace}/${plan.name}`;
  if (outcome === 'unchanged') {
    return `${target} already has ${plan.current} replica(s) (context ${plan.context}); nothing to change.`;
  }
  if (outcome === 'declined') {
    return `Not scaled: the change (${plan.current} -> ${plan.target}) was declined by the user. Nothing changed. Ask the user before trying again.`;
  }
  const applied = `Scaled ${target} from ${plan.current} to ${after ?? plan.target} replica(s) (context ${plan.context}). Pods take a moment to start or stop; check with get_deployment_details or get_resource_health.`;
  const overriders = (plan.autoscalers ?? []).map((hpa) => hpa.name);
  if (overriders.length === 0) return applied;
  return `${applied} Note: HorizontalPodAutoscaler ${overriders.join(', ')} will override this count within seconds.`;
}
