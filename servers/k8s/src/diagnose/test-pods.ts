import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { Wire } from '../kube-client.js';
import type { EventLike, PodLike } from './snapshot-index.js';

/** Plain objects for analyzer tests: a Deployment's pod (via its ReplicaSet) with the given statuses. */
export function podOf(
  name: string,
  statuses: Wire<V1ContainerStatus>[] = [],
  extra: {
    spec?: Wire<V1Pod>['spec'];
    status?: Wire<V1Pod>['status'];
    metadata?: Wire<V1Pod>['metadata'];
  } = {},
): PodLike {
  return {
    metadata: {
      name,
      namespace: 'shop',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9c7', uid: 'u1', controller: true },
      ],
      ...extra.metadata,
    },
    spec: {
      containers: [{ name: 'app', image: 'registry.example.com/shop/web:1.2.3' }],
      nodeName: 'node-1',
      ...extra.spec,
    },
    status: { phase: 'Running', containerStatuses: statuses, ...extra.status },
  };
}

/** The ReplicaSet and Deployment above `podOf` pods. */
export const webOwners = {
  replicaSets: [
    {
      metadata: {
        name: 'web-5d9c7',
        namespace: 'shop',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u0', controller: true },
        ],
      },
    },
  ],
};

export function container(name: string, status: Partial<Wire<V1ContainerStatus>>): Wire<V1ContainerStatus> {
  return {
    name,
    image: 'registry.example.com/shop/web:1.2.3',
    imageID: '',
    ready: false,
    restartCount: 0,
    ...status,
  };
}

export function eventOn(
  pod: string,
  reason: string,
  message: string,
  at: Date,
  extra: Partial<EventLike> = {},
): EventLike {
  return {
    metadata: { name: `${pod}.1`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', namespace: 'shop', name: pod },
    type: 'Warning',
    reason,
    message,
    lastTimestamp: at.toISOString(),
    count: 5,
    ...extra,
  };
}
