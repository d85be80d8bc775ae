import type { V1LabelSelector } from '@kubernetes/client-node';
import type { Wire } from './kube-client.js';

/**
 * A workload's `spec.selector` as the `labelSelector` query string the API takes
 * (`app=x,tier in (a,b),!legacy`). Undefined when it selects nothing: an empty selector on a
 * workload is rejected by the API server, so there is nothing sensible to list.
 */
export function selectorToString(selector: Wire<V1LabelSelector> | undefined): string | undefined {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector?.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    switch (expression.operator) {
      case 'In':
        parts.push(`${expression.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${expression.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(expression.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${expression.key}`);
        break;
    }
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
