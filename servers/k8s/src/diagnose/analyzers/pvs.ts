import type { V1PersistentVolume } from '@kubernetes/client-node';
import type { Wire } from '../../kube-client.js';
import type { Finding } from '../finding.js';
import { refOf } from '../object-helpers.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';
import { evidenceLine } from '../snapshot-index.js';

type VolumeLike = Wire<V1PersistentVolume>;

/**
 * PersistentVolumes that are broken (phase Failed: the reclaim failed), or Released while a claim
 * waits for them: the classic "recreated the PVC, it stays Pending" (the PV still names the
 * deleted claim's uid in claimRef, and Retain keeps it from being reused). A Released PV nobody
 * asks for is normal under Retain and is not reported.
 */
export const pvsAnalyzer: Analyzer = {
  name: 'pvs',
  analyze(snapshot) {
    return snapshot.pvs.flatMap((pv) => {
      if (pv.status?.phase === 'Failed') return [failed(pv)];
      if (pv.status?.phase === 'Released') return released(snapshot, pv);
      return [];
    });
  },
};

function failed(pv: VolumeLike): Finding {
  const object = refOf('PersistentVolume', pv);
  const claim = pv.spec?.claimRef;
  return {
    severity: 'warning',
    object,
    cause: 'PVFailed',
    summary: `volume in phase Failed (reclaim policy ${pv.spec?.persistentVolumeReclaimPolicy ?? '?'}): its storage needs manual cleanup.`,
    evidence: [
      evidenceLine(
        `status.phase: Failed${pv.status?.reason ? ` (${pv.status.reason})` : ''}${pv.status?.message ? `: ${pv.status.message}` : ''}`,
      ),
      ...(claim ? [`spec.claimRef: ${claim.namespace ?? ''}/${claim.name ?? ''}`] : []),
    ],
    next: `kubectl describe pv ${object.name} (the reclaim error), then delete the volume in the storage backend and the PV`,
    ...(claim?.name
      ? { related: [{ kind: 'PersistentVolumeClaim', namespace: claim.namespace, name: claim.name }] }
      : {}),
  };
}

function released(snapshot: ClusterSnapshot, pv: VolumeLike): Finding[] {
  const object = refOf('PersistentVolume', pv);
  const claimRef = pv.spec?.claimRef;
  // A claim naming this volume, or a new claim with the old one's name, that is not bound.
  const waiting = snapshot.pvcs.filter(
    (claim) =>
      claim.status?.phase !== 'Bound' &&
      (claim.spec?.volumeName === object.name ||
        (claim.metadata?.namespace === claimRef?.namespace && claim.metadata?.name === claimRef?.name)),
  );
  if (waiting.length === 0) return [];
  const claims = waiting.map((claim) => refOf('PersistentVolumeClaim', claim));
  const first = claims[0] as (typeof claims)[number];
  return [
    {
      severity: 'critical',
      object,
      cause: 'PVReleasedClaimPending',
      summary: `volume is Released (claimRef still names the deleted claim) while claim ${first.namespace}/${first.name} waits for it.`,
      evidence: [
        `status.phase: Released; persistentVolumeReclaimPolicy: ${pv.spec?.persistentVolumeReclaimPolicy ?? '?'}`,
        `spec.claimRef: ${claimRef?.namespace ?? ''}/${claimRef?.name ?? ''} uid ${claimRef?.uid ?? '?'}`,
        ...waiting.map(
          (claim) =>
            `claim ${claim.metadata?.namespace}/${claim.metadata?.name} uid ${claim.metadata?.uid ?? '?'}: ${claim.status?.phase ?? '?'}`,
        ),
      ],
      next: `after checking the data on it is the one wanted: kubectl patch pv ${object.name} -p '{"spec":{"claimRef":null}}' (frees it to bind again)`,
      related: claims,
    },
  ];
}
