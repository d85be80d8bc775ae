/** Loose shapes of the JSON the fake stores and serves; the real client's models type the wire side. */

export type KubeMeta = {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
};

export type OwnerReference = {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
};

/** Any Kubernetes object as it travels on the wire (JSON). */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: KubeMeta;
  // biome-ignore lint/suspicious/noExplicitAny: arbitrary Kubernetes JSON; tests narrow it with the client's model types
  [key: string]: any;
};

/** One log line as the container runtime recorded it. `time` is RFC 3339. */
export type LogLine = { time: string; text: string };

/** Logs of one container: the running instance and, after a restart, the previous one. */
export type ContainerLogs = { current?: LogLine[]; previous?: LogLine[] };

/** Keyed by `namespace/pod/container` (see `logKey`). */
export type PodLogs = Record<string, ContainerLogs>;

export const logKey = (namespace: string, pod: string, container: string): string =>
  `${namespace}/${pod}/${container}`;

/** A cluster's content: what `startKubeApiServer` serves. */
export type ClusterFixture = { objects: KubeObject[]; logs: PodLogs };
