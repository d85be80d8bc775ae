export interface ScalePlan {
  namespace: string;
  name: string;
  context: string;
  current: number;
  target: number;
  readyNow: number;
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
  return lines.join('\n');
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
  return `Scaled ${target} from ${plan.current} to ${after ?? plan.target} replica(s) (context ${plan.context}). Pods take a moment to start or stop; check with get_deployment_details or get_resource_health.`;
}
