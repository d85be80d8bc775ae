import type { Severity } from './finding.js';

/**
 * The stable cause codes of every analyzer, in one list. Evals score findings by `object` +
 * `cause`, so a code never changes meaning; add new ones, do not rename.
 *
 * `rank` orders findings of the same severity: a root cause above the symptoms it produces
 * (a node down > the pods on it > the workload short of replicas > the Service without endpoints).
 */
export interface CauseInfo {
  /** What the code means, in one line. */
  meaning: string;
  severity: Severity;
  rank: number;
}

export const causes = {
  // Pods (grouped by top owner: the finding's object is the Deployment / StatefulSet / ... ).
  MissingConfigMap: {
    meaning: 'a container references a ConfigMap that does not exist',
    severity: 'critical',
    rank: 80,
  },
  MissingSecret: {
    meaning: 'a container references a Secret that does not exist',
    severity: 'critical',
    rank: 80,
  },
  MissingConfigKey: {
    meaning: 'a container references a key absent from its ConfigMap',
    severity: 'critical',
    rank: 80,
  },
  MissingSecretKey: {
    meaning: 'a container references a key absent from its Secret',
    severity: 'critical',
    rank: 80,
  },
  CreateContainerConfigError: {
    meaning: 'the container config is invalid for another reason',
    severity: 'critical',
    rank: 75,
  },
  ImagePullBackOff: {
    meaning:
      'the image cannot be pulled (detail: ImageNotFound, RegistryAuth, RegistryUnreachable, InvalidImageName)',
    severity: 'critical',
    rank: 70,
  },
  OOMKilled: {
    meaning: 'a container was killed for exceeding its memory limit',
    severity: 'critical',
    rank: 65,
  },
  LivenessProbeFailing: {
    meaning: 'the kubelet restarts a container whose liveness probe fails',
    severity: 'critical',
    rank: 62,
  },
  StartupProbeFailing: {
    meaning: 'a startup probe fails, so the container is restarted before it starts',
    severity: 'critical',
    rank: 62,
  },
  CrashLoopBackOff: {
    meaning: 'a container exits repeatedly and the kubelet backs off restarting it',
    severity: 'critical',
    rank: 60,
  },
  UnboundPVC: {
    meaning: 'a pod cannot be scheduled because its PersistentVolumeClaim is not bound',
    severity: 'critical',
    rank: 58,
  },
  InsufficientCPU: {
    meaning: 'no node has enough unrequested CPU for the pod',
    severity: 'critical',
    rank: 56,
  },
  InsufficientMemory: {
    meaning: 'no node has enough unrequested memory for the pod',
    severity: 'critical',
    rank: 56,
  },
  UntoleratedTaint: {
    meaning: 'the nodes that would fit carry taints the pod does not tolerate',
    severity: 'critical',
    rank: 55,
  },
  NodeAffinityMismatch: {
    meaning: 'no node matches the pod node selector or affinity',
    severity: 'critical',
    rank: 55,
  },
  Unschedulable: {
    meaning: 'the scheduler cannot place the pod for another reason',
    severity: 'critical',
    rank: 54,
  },
  ReadinessProbeFailing: {
    meaning: 'the readiness probe fails, so the pod receives no traffic',
    severity: 'warning',
    rank: 40,
  },
  Evicted: {
    meaning: 'the kubelet evicted pods (node pressure or ephemeral storage)',
    severity: 'warning',
    rank: 35,
  },
  StuckTerminating: {
    meaning: 'a pod has been terminating far longer than its grace period',
    severity: 'warning',
    rank: 30,
  },
} as const satisfies Record<string, CauseInfo>;

export type PodCause = keyof typeof causes;

/**
 * Causes found on objects other than pods (workloads, Services, Ingresses, volumes, nodes,
 * cluster DNS). Kept apart from `causes` because rank.ts treats pod causes as explaining the
 * workload-level state of the same object.
 */
export const objectCauses = {
  // Nodes, cluster DNS and storage: root causes of many pod findings (their pods go in `related`).
  ClusterDNSUnavailable: {
    meaning: 'CoreDNS/kube-dns in kube-system has no available replica: name resolution fails everywhere',
    severity: 'critical',
    rank: 95,
  },
  NodeNotReady: {
    meaning: "a node's Ready condition is False or Unknown (kubelet down or unreachable)",
    severity: 'critical',
    rank: 90,
  },
  NodeNetworkUnavailable: {
    meaning: "a node's network is not configured (NetworkUnavailable=True)",
    severity: 'critical',
    rank: 88,
  },
  NodeMemoryPressure: {
    meaning: 'a node reports MemoryPressure: its pods get evicted',
    severity: 'warning',
    rank: 85,
  },
  NodeDiskPressure: {
    meaning: 'a node reports DiskPressure: pods get evicted, images garbage-collected',
    severity: 'warning',
    rank: 85,
  },
  NodePIDPressure: {
    meaning: 'a node reports PIDPressure: process ids are running out',
    severity: 'warning',
    rank: 85,
  },
  NodeCordoned: {
    meaning: 'a node is cordoned (spec.unschedulable) while pods still run on it: a drain not finished',
    severity: 'warning',
    rank: 40,
  },
  PVCStorageClassNotFound: {
    meaning: 'a PersistentVolumeClaim names a StorageClass that does not exist',
    severity: 'critical',
    rank: 84,
  },
  PVCNoStorageClass: {
    meaning: 'a claim sets no StorageClass, there is no default class and no PV fits',
    severity: 'critical',
    rank: 84,
  },
  PVCNoMatchingPV: {
    meaning: 'no PersistentVolume matches the claim (size, access mode, class, selector)',
    severity: 'critical',
    rank: 83,
  },
  PVCProvisioningFailed: {
    meaning: 'the provisioner failed to create a volume for the claim',
    severity: 'critical',
    rank: 83,
  },
  PVReleasedClaimPending: {
    meaning: 'a PersistentVolume is Released (stale claimRef) while a claim for it waits',
    severity: 'critical',
    rank: 83,
  },
  PVCPending: {
    meaning: 'a claim stays Pending past a grace period, reason not reported',
    severity: 'warning',
    rank: 82,
  },
  PVFailed: {
    meaning: 'a PersistentVolume is in phase Failed (its reclaim failed)',
    severity: 'warning',
    rank: 45,
  },
  // Workloads: the change or the controller state to act on.
  RolloutStuck: {
    meaning:
      "a Deployment's newest ReplicaSet does not become available; the change it brought (image) is suspect",
    severity: 'critical',
    rank: 72,
  },
  ProgressDeadlineExceeded: {
    meaning: 'a Deployment made no rollout progress within progressDeadlineSeconds',
    severity: 'critical',
    rank: 52,
  },
  IngressServiceMissing: {
    meaning: 'an Ingress backend names a Service that does not exist',
    severity: 'critical',
    rank: 68,
  },
  IngressServicePortMissing: {
    meaning: 'an Ingress backend names a port its Service does not expose',
    severity: 'critical',
    rank: 68,
  },
  ServiceNoMatchingPods: {
    meaning: "a Service's selector matches no pod in its namespace (a typo, or the workload is gone)",
    severity: 'critical',
    rank: 66,
  },
  HPAMetricsUnavailable: {
    meaning: 'an HPA cannot read the metrics it scales on (ScalingActive=False)',
    severity: 'warning',
    rank: 48,
  },
  HPAUnableToScale: {
    meaning: "an HPA cannot read or update its target's scale (AbleToScale=False)",
    severity: 'warning',
    rank: 48,
  },
  HPAAtMaxReplicas: {
    meaning: 'an HPA wants more replicas than maxReplicas allows (ScalingLimited=True)',
    severity: 'warning',
    rank: 46,
  },
  JobFailed: {
    meaning: 'a Job failed (BackoffLimitExceeded, DeadlineExceeded, ...)',
    severity: 'warning',
    rank: 45,
  },
  CronJobLastRunFailed: {
    meaning: "a CronJob's most recent Job failed",
    severity: 'warning',
    rank: 45,
  },
  CronJobMissedSchedule: {
    meaning: 'a CronJob has not been scheduled for longer than its schedule allows',
    severity: 'warning',
    rank: 44,
  },
  StatefulSetNotReady: {
    meaning: 'a StatefulSet has fewer ready replicas than desired past a grace period',
    severity: 'warning',
    rank: 25,
  },
  DaemonSetNotReady: {
    meaning: 'a DaemonSet is missing pods, or has unready ones, on some nodes',
    severity: 'warning',
    rank: 25,
  },
  DeploymentUnavailable: {
    meaning: 'a Deployment has had unavailable replicas past a grace period',
    severity: 'warning',
    rank: 22,
  },
  ServiceNoReadyPods: {
    meaning: "a Service's pods exist but none is ready: a symptom of the pods' own problem",
    severity: 'warning',
    rank: 15,
  },
  DeploymentPaused: {
    meaning: "a Deployment's rollout is paused (spec.paused) before every replica was updated",
    severity: 'info',
    rank: 10,
  },
  CronJobSuspended: {
    meaning: 'a CronJob is suspended (spec.suspend): it creates no Jobs',
    severity: 'info',
    rank: 10,
  },
} as const satisfies Record<string, CauseInfo>;

export type ObjectCause = keyof typeof objectCauses;

/** Rank for findings that set none: from this list, else the middle. */
export function defaultRank(cause: string): number {
  return (
    ((causes as Record<string, CauseInfo>)[cause] ?? (objectCauses as Record<string, CauseInfo>)[cause])
      ?.rank ?? 50
  );
}
