import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import type { Wire } from '../../kube-client.js';
import type { ObjectCause } from '../causes.js';
import type { Finding, ObjectRef } from '../finding.js';
import { graceMs, msSince, refOf } from '../object-helpers.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';
import { type EventLike, evidenceLine, indexSnapshot, word } from '../snapshot-index.js';

type ClaimLike = Wire<V1PersistentVolumeClaim>;

/**
 * Claims stuck Pending, with the reason the binder or provisioner gave in its events: the
 * StorageClass does not exist, none is set and there is no default, no PV fits, provisioning
 * failed. WaitForFirstConsumer is normal until a pod uses the claim, and is left to the pod.
 * A claim waiting for a Released PV it names is reported on that PV (pvs.ts): that is where the fix is.
 */
export const pvcsAnalyzer: Analyzer = {
  name: 'pvcs',
  analyze(snapshot, now) {
    const pvPhase = new Map(snapshot.pvs.map((pv) => [pv.metadata?.name ?? '', pv.status?.phase]));
    const findings: Finding[] = [];
    for (const claim of snapshot.pvcs) {
      if (claim.status?.phase !== 'Pending') continue;
      const volume = claim.spec?.volumeName;
      if (volume && pvPhase.get(volume) === 'Released') continue;
      const finding = analyzeOne(snapshot, claim, now);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

interface Diagnosis {
  cause: ObjectCause;
  summary: string;
  event?: EventLike;
}

function analyzeOne(snapshot: ClusterSnapshot, claim: ClaimLike, now: Date): Finding | undefined {
  const object = refOf('PersistentVolumeClaim', claim);
  const events = indexSnapshot(snapshot).eventsFor('PersistentVolumeClaim', object.namespace, object.name);
  const className = claim.spec?.storageClassName;
  const told = fromEvents(events, className);
  const diagnosis = told === 'waiting for a consumer' ? undefined : (told ?? fromAge(claim, now));
  if (!diagnosis) return undefined;
  const users = podsUsing(snapshot, object);
  return {
    severity: diagnosis.cause === 'PVCPending' ? 'warning' : 'critical',
    object,
    cause: diagnosis.cause,
    summary: `${diagnosis.summary}${users.length ? `; ${users.length === 1 ? '1 pod waits' : `${users.length} pods wait`} for it` : ''}.`,
    evidence: [
      `status.phase: Pending; storageClassName: ${className === undefined ? '(unset: the default class)' : className || '"" (static binding only)'}; requests ${claim.spec?.resources?.requests?.storage ?? '?'}, ${(claim.spec?.accessModes ?? []).join(',')}`,
      ...(diagnosis.event
        ? [evidenceLine(`event ${diagnosis.event.reason ?? ''}: ${diagnosis.event.message ?? ''}`)]
        : []),
    ],
    next: `get_events namespace=${object.namespace} involved_object=persistentvolumeclaim/${object.name}; kubectl get storageclass`,
    ...(users.length ? { related: users.slice(0, 10) } : {}),
  };
}

function fromEvents(
  events: EventLike[],
  className: string | undefined,
): Diagnosis | 'waiting for a consumer' | undefined {
  for (const event of events) {
    const message = event.message ?? '';
    if (event.reason === 'ProvisioningFailed') {
      const missing = /storageclass\.storage\.k8s\.io "([^"]+)" not found/.exec(message);
      return missing
        ? {
            cause: 'PVCStorageClassNotFound',
            summary: `StorageClass ${word(missing[1])} does not exist`,
            event,
          }
        : {
            cause: 'PVCProvisioningFailed',
            summary: `the provisioner failed to create a volume (class ${word(className) || 'default'})`,
            event,
          };
    }
    if (event.reason === 'FailedBinding') {
      return /no storage class is set/.test(message)
        ? {
            cause: 'PVCNoStorageClass',
            summary: 'no StorageClass set, no default class, and no PersistentVolume fits',
            event,
          }
        : {
            cause: 'PVCNoMatchingPV',
            summary: 'no PersistentVolume matches its size, access modes, class or selector',
            event,
          };
    }
    if (event.reason === 'WaitForFirstConsumer') return 'waiting for a consumer';
  }
  return undefined;
}

/** No telling event (expired, or never sent): Pending past the grace period is still worth a line. */
function fromAge(claim: ClaimLike, now: Date): Diagnosis | undefined {
  if ((msSince(claim.metadata?.creationTimestamp, now) ?? 0) <= graceMs) return undefined;
  if (claim.spec?.storageClassName === '') {
    return {
      cause: 'PVCNoMatchingPV',
      summary: 'storageClassName "" binds only to a pre-made PersistentVolume, and none fits',
    };
  }
  return { cause: 'PVCPending', summary: 'Pending past the grace period with no reason in its events' };
}

function podsUsing(snapshot: ClusterSnapshot, claim: ObjectRef): ObjectRef[] {
  return snapshot.pods
    .filter(
      (pod) =>
        pod.metadata?.namespace === claim.namespace &&
        (pod.spec?.volumes ?? []).some((volume) => volume.persistentVolumeClaim?.claimName === claim.name),
    )
    .map((pod) => refOf('Pod', pod));
}
