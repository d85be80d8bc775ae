import type {
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1ObjectMeta,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { ToolError } from '@sre-agent/shared';
import type { KubeApis } from './kube-client.js';
import { isNotFound, toKubeToolError } from './kube-errors.js';
import { selectorToString } from './label-selector.js';
import { didYouMean } from './suggest.js';

/** The kinds whose pods can be found from a "kind/name" reference, with kubectl's short names. */
const kinds = {
  deployment: { kind: 'Deployment', aliases: ['deploy', 'deployments'] },
  statefulset: { kind: 'StatefulSet', aliases: ['sts', 'statefulsets'] },
  daemonset: { kind: 'DaemonSet', aliases: ['ds', 'daemonsets'] },
  replicaset: { kind: 'ReplicaSet', aliases: ['rs', 'replicasets'] },
  job: { kind: 'Job', aliases: ['jobs'] },
} as const;
type KindKey = keyof typeof kinds;

export interface WorkloadRef {
  kind: (typeof kinds)[KindKey]['kind'];
  name: string;
}

/** Parses kubectl's `deployment/checkout` form (short names and plurals accepted). */
export function parseWorkloadRef(text: string): WorkloadRef {
  const [rawKind = '', name = '', ...rest] = text.trim().split('/');
  const key = resolveKind(rawKind.toLowerCase());
  if (!key || !name || rest.length > 0) {
    throw new ToolError(
      `"${text}" is not a workload reference.`,
      'Write it as kind/name, e.g. "deployment/checkout"; kinds: deployment, statefulset, daemonset, replicaset, job.',
    );
  }
  return { kind: kinds[key].kind, name };
}

function resolveKind(text: string): KindKey | undefined {
  const keys = Object.keys(kinds) as KindKey[];
  return keys.find((key) => key === text || (kinds[key].aliases as readonly string[]).includes(text));
}

/** The label selector of a workload's pods, read from its `spec.selector`. */
export async function workloadSelector(apis: KubeApis, namespace: string, ref: WorkloadRef): Promise<string> {
  const object = await readWorkload(apis, namespace, ref);
  const selector = selectorToString(object.spec?.selector);
  if (!selector) {
    throw new ToolError(
      `${ref.kind} ${namespace}/${ref.name} has an empty selector.`,
      'Pass label_selector instead.',
    );
  }
  return selector;
}

/** The workload, or an error naming what was refused or the closest existing names. */
export async function readWorkload(apis: KubeApis, namespace: string, ref: WorkloadRef): Promise<Workload> {
  const { name } = ref;
  const api = workloadApi(apis, ref.kind);
  try {
    return await api.read({ namespace, name });
  } catch (error) {
    const resource = `${ref.kind.toLowerCase()}s`;
    if (!isNotFound(error)) throw toKubeToolError(error, { verb: 'get', resource, namespace, name }, apis);
    const names = await api
      .list({ namespace, limit: 1_000 })
      .then((list) => list.items.map((item) => item.metadata?.name ?? '').filter(Boolean))
      .catch(() => []);
    throw new ToolError(
      `${ref.kind} "${name}" not found in namespace "${namespace}" (context "${apis.context}").`,
      `${didYouMean(name, names)} Call list_resources with kind ${ref.kind} to see what exists.`.trim(),
    );
  }
}

export type Workload = V1Deployment | V1StatefulSet | V1DaemonSet | V1ReplicaSet | V1Job;

interface WorkloadApi {
  read(request: { namespace: string; name: string }): Promise<Workload>;
  list(request: { namespace: string; limit: number }): Promise<{ items: { metadata?: V1ObjectMeta }[] }>;
}

function workloadApi(apis: KubeApis, kind: WorkloadRef['kind']): WorkloadApi {
  const { apps, batch } = apis;
  switch (kind) {
    case 'Deployment':
      return { read: (r) => apps.readNamespacedDeployment(r), list: (r) => apps.listNamespacedDeployment(r) };
    case 'StatefulSet':
      return {
        read: (r) => apps.readNamespacedStatefulSet(r),
        list: (r) => apps.listNamespacedStatefulSet(r),
      };
    case 'DaemonSet':
      return { read: (r) => apps.readNamespacedDaemonSet(r), list: (r) => apps.listNamespacedDaemonSet(r) };
    case 'ReplicaSet':
      return { read: (r) => apps.readNamespacedReplicaSet(r), list: (r) => apps.listNamespacedReplicaSet(r) };
    case 'Job':
      return { read: (r) => batch.readNamespacedJob(r), list: (r) => batch.listNamespacedJob(r) };
  }
}
