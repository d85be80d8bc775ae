/**
 * What a diagnosis analyzer reports. The shape is the contract between the analyzers, the
 * diagnose tools' formatters and the incident evals (evals score `object` + `cause`).
 */
export type Severity = 'critical' | 'warning' | 'info';

export interface ObjectRef {
  /** Kind as the API names it: Pod, Deployment, StatefulSet, Service, Node, ... */
  kind: string;
  /** Absent for cluster-scoped kinds (Node, PersistentVolume). */
  namespace?: string;
  name: string;
}

export interface Finding {
  severity: Severity;
  /**
   * The object to act on: for pod problems the top owner (Deployment, StatefulSet, DaemonSet,
   * Job, CronJob) when there is one, so one crashing Deployment is one finding, not ten.
   */
  object: ObjectRef;
  /** Stable machine-readable code, e.g. "CrashLoopBackOff", "MissingSecretKey" (see causes.ts). */
  cause: string;
  /** The likely cause in one line, for a human. */
  summary: string;
  /** The status field, event message or log line that proves it; rendered inside an untrusted fence. */
  evidence: string[];
  /** The next tool call or command that confirms or fixes it. */
  next: string;
  /** Objects this finding covers or explains (the affected pods, the Services left without endpoints). */
  related?: ObjectRef[];
  /**
   * Higher is ranked first among findings of the same severity: a root cause (a node NotReady,
   * a missing Secret) outranks the symptoms it explains (pods Pending, a Service with no endpoints).
   */
  rank?: number;
  /**
   * Finer detail under a stable cause, for humans and for grouping, never needed to score:
   * ImagePullBackOff carries "ImageNotFound" | "RegistryAuth" | "RegistryUnreachable" | "InvalidImageName".
   */
  detail?: string;
  /**
   * Set by rank.ts when another finding explains this one (the crashing pods behind a Service
   * without ready endpoints): the symptom names its cause so a reader starts there.
   */
  explainedBy?: { object: ObjectRef; cause: string }[];
}

export function refKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

export function formatRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}
