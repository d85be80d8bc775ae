import type { V1Secret } from '@kubernetes/client-node';
import { formatAge } from '@sre-agent/shared';
import { secretKeySizes } from '../redact.js';
import { listKeys } from './configmaps.js';
import type { ListRow } from './summary.js';

export const secretHeaders = ['NAME', 'TYPE', 'DATA', 'AGE', 'KEYS'];

/** Name, type, key names and decoded sizes: never a value, not even a prefix. */
export function secretRow(secret: V1Secret, now: Date): ListRow {
  const sizes = secretKeySizes(secret);
  const type = secret.type ?? 'Opaque';
  return {
    namespace: secret.metadata?.namespace,
    cells: [
      secret.metadata?.name ?? '?',
      type,
      String(sizes.length),
      formatAge(secret.metadata?.creationTimestamp, now),
      formatKeySizes(sizes),
    ],
    status: type,
  };
}

export function formatKeySizes(sizes: readonly { key: string; bytes: number }[]): string {
  return listKeys(
    sizes.map(({ key, bytes }) => `${key}(${bytes}B)`),
    160,
  );
}
