import { type ClusterSnapshot, emptySnapshot } from './snapshot.js';

/** A snapshot with every list empty, for analyzer tests: pass only the objects a case needs. */
export function snapshotOf(partial: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return { ...emptySnapshot('test'), ...partial };
}
