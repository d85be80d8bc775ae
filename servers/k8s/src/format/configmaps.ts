import type { V1ConfigMap } from '@kubernetes/client-node';
import { formatAge } from '@sre-agent/shared';
import type { ListRow } from './summary.js';

export const configMapHeaders = ['NAME', 'DATA', 'AGE', 'KEYS'];

/** Key names only: values can be long, and are not what a list is for (get them with kubectl). */
export function configMapRow(configMap: V1ConfigMap, now: Date): ListRow {
  const keys = [...Object.keys(configMap.data ?? {}), ...Object.keys(configMap.binaryData ?? {})].sort();
  return {
    namespace: configMap.metadata?.namespace,
    cells: [
      configMap.metadata?.name ?? '?',
      String(keys.length),
      formatAge(configMap.metadata?.creationTimestamp, now),
      listKeys(keys),
    ],
    status: 'ConfigMap',
  };
}

/** Up to ~120 characters of key names, then how many more. */
export function listKeys(keys: readonly string[], maxChars = 120): string {
  if (keys.length === 0) return '<none>';
  const kept: string[] = [];
  let used = 0;
  for (const key of keys) {
    if (kept.length > 0 && used + key.length > maxChars) break;
    kept.push(key);
    used += key.length + 1;
  }
  const left = keys.length - kept.length;
  return left > 0 ? `${kept.join(',')},+${left} more` : kept.join(',');
}
