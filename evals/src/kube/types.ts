/**
 * The compact Kubernetes scenario of a task (`"kube": {...}` in task.json). Everything is optional;
 * the builders fill in what a real cluster would show (owner chains, pod names, events the kubelet and
 * scheduler write, endpoints the controller computes), so a task states only what is wrong.
 */
import type { KubeObject, PodLogs } from '../../../test/fakes/kube-apiserver/index.ts';

export type PodState =
  | 'Running'
  | 'NotReady'
  | 'LivenessFailing'
  | 'CrashLoopBackOff'
  | 'OOMKilled'
  | 'ImagePullBackOff'
  | 'ErrImagePull'
  | 'CreateContainerConfigError'
  | 'Pending'
  | 'ContainerCreating'
  | 'Completed'
  | 'Failed'
  | 'Evicted';

/** A log line, or `count` lines from a template (`{i}` is the line number): noise without pages of JSON. */
export type LogLineSpec = string | { repeat: string; count: number };

export interface LogSpec {
  current?: LogLineSpec[];
  previous?: LogLineSpec[];
}

export interface PodSpec {
  state: PodState;
  /** How many pods of this shape (list form); default 1, or all replicas in the single form. */
  count?: number;
  restarts?: number;
  exitCode?: number;
  /** Waiting/terminated reason override (e.g. "Error"). */
  reason?: string;
  /** Kubelet or scheduler message: pull error, missing key, "0/3 nodes are available: ...". */
  message?: string;
  node?: string;
  /** Deleted but not gone (deletionTimestamp set), e.g. on a lost node. */
  terminating?: boolean;
  /** Minutes since the pod was created. */
  ageMinutes?: number;
  logs?: LogSpec;
  /** No events for this pod (some failures leave none). */
  quiet?: boolean;
}

export interface WorkloadSpec {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
  namespace: string;
  name: string;
  replicas?: number;
  image?: string;
  container?: string;
  port?: number;
  /** HTTP probes on `port`; `readinessPort`/`livenessPort` point them elsewhere. */
  probes?: boolean | { readinessPort?: number; livenessPort?: number; path?: string };
  resources?: { cpu: [string, string?]; memory: [string, string?] };
  env?: Record<string, unknown>[];
  envFrom?: Record<string, unknown>[];
  args?: string[];
  labels?: Record<string, string>;
  pods?: PodSpec | PodSpec[];
  logs?: LogSpec;
  /** A Service in front of it, selecting its labels. */
  service?: boolean | { name?: string; port?: number; targetPort?: number };
  /** Deployment mid-rollout: the previous revision's image and how many of its pods still run. */
  previous?: { image: string; ready: number; revision?: number };
  revision?: number;
  /** Deployment: Progressing=False ProgressDeadlineExceeded. */
  stuck?: boolean;
  /** Deployment: rollout paused (spec.paused), Progressing reason DeploymentPaused. */
  paused?: boolean;
  nodeSelector?: Record<string, string>;
  tolerations?: Record<string, unknown>[];
  /** Claim each pod mounts (StatefulSet: a volumeClaimTemplate name, pods get `<claim>-<pod>`). */
  claim?: string;
  /** Job/CronJob. */
  backoffLimit?: number;
  schedule?: string;
  suspend?: boolean;
  /** CronJob: minutes since it last ran (absent: never). */
  lastScheduleMinutes?: number;
  createdDays?: number;
}

export interface NodeSpec {
  name: string;
  ready?: boolean;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  pressure?: ('MemoryPressure' | 'DiskPressure' | 'PIDPressure')[];
  labels?: Record<string, string>;
}

export interface ServiceSpec {
  namespace: string;
  name: string;
  selector?: Record<string, string>;
  port?: number;
  targetPort?: number | string;
  type?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
}

export interface IngressSpec {
  namespace: string;
  name: string;
  host: string;
  service: string;
  port?: number;
  path?: string;
}

export interface PvcSpec {
  namespace: string;
  name: string;
  phase?: 'Bound' | 'Pending' | 'Lost';
  storageClass?: string;
  size?: string;
}

export interface HpaSpec {
  namespace: string;
  name: string;
  target: string;
  min?: number;
  max?: number;
  current?: number;
  cpuTarget?: number;
  /** Metrics unavailable: ScalingActive=False FailedGetResourceMetric. */
  noMetrics?: boolean;
  /** At max: ScalingLimited=True TooManyReplicas. */
  atMax?: boolean;
}

export interface EventSpec {
  namespace: string;
  on: { kind: string; name: string; namespace?: string };
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  count?: number;
  minutesAgo?: number;
  component?: string;
}

export interface PodUsageSpec {
  namespace: string;
  /** Pod name prefix (workload name): every matching pod gets this usage. */
  workload: string;
  cpu: string;
  memory: string;
}

export interface KubeScenario {
  /** Healthy noise (nodes, system and other teams' workloads); default true. */
  background?: boolean;
  namespaces?: string[];
  nodes?: NodeSpec[];
  workloads?: WorkloadSpec[];
  services?: ServiceSpec[];
  ingresses?: IngressSpec[];
  pvcs?: PvcSpec[];
  hpas?: HpaSpec[];
  configMaps?: { namespace: string; name: string; data: Record<string, string> }[];
  secrets?: { namespace: string; name: string; keys: string[] }[];
  events?: EventSpec[];
  metrics?: PodUsageSpec[];
  /** Raw objects, added as they are. */
  objects?: KubeObject[];
  /** Raw logs keyed `namespace/pod/container`. */
  logs?: PodLogs;
}

export interface BuiltScenario {
  objects: KubeObject[];
  logs: PodLogs;
  /** Objects the fake API server does not serve (kind list), left out and reported. */
  unserved: string[];
}
