import type { SessionStore } from '../adk/types.js';
import { HttpError } from '../errors.js';
import type { Metrics } from './metrics.js';

/**
 * The store, with failed calls counted by operation, and the confirmations it records counted too: a
 * confirmation request is an appended event, and every answer to one is an audit row.
 */
export function meteredStore(
  store: SessionStore,
  metrics: Pick<Metrics, 'storeError' | 'confirmation'>,
): SessionStore {
  const metered = wrapMethods(store, '', metrics);
  return {
    ...metered,
    async appendEvent(key, event) {
      const appended = await metered.appendEvent(key, event);
      if (!event.partial) {
        metrics.confirmation('asked', Object.keys(event.actions?.requestedToolConfirmations ?? {}).length);
      }
      return appended;
    },
    async recordAudit(entry) {
      await metered.recordAudit(entry);
      metrics.confirmation(entry.outcome === 'declined' ? 'refused' : 'approved');
    },
  };
}

// Methods are wrapped generically (and those of nested stores, such as `artifacts` and `claims`), so a
// store method added later is counted without a change here.
function wrapMethods<T extends object>(target: T, prefix: string, metrics: Pick<Metrics, 'storeError'>): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(target)) {
    const value = (target as Record<string, unknown>)[key];
    const operation = `${prefix}${key}`;
    if (typeof value === 'function') {
      out[key] = (...args: unknown[]) => watch(value.apply(target, args), operation, metrics);
    } else if (value !== null && typeof value === 'object') {
      out[key] = wrapMethods(value, `${operation}.`, metrics);
    } else out[key] = value;
  }
  return out as T;
}

function watch(result: unknown, operation: string, metrics: Pick<Metrics, 'storeError'>): unknown {
  if (!(result instanceof Promise)) return result;
  return result.catch((error: unknown) => {
    if (isStoreFailure(error, operation)) metrics.storeError(operation);
    throw error;
  });
}

// A 404 or 409 is the caller's doing, not the store failing. The turn runs inside withSessionLock, so only
// the lock's own failure (503: no connection, lock lost) counts there, not the turn's errors.
function isStoreFailure(error: unknown, operation: string): boolean {
  if (error instanceof HttpError) return error.status >= 500;
  return operation !== 'withSessionLock';
}
