import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import { formatAge } from '@sre-agent/shared';
import type { ListRow } from './summary.js';

export const serviceHeaders = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'];

/** Ready and not-ready addresses per Service name, from the namespace's Endpoints. */
export type EndpointCounts = Map<string, { ready: number; notReady: number }>;

export function countEndpoints(endpoints: readonly V1Endpoints[]): EndpointCounts {
  const counts: EndpointCounts = new Map();
  for (const item of endpoints) {
    const subsets = item.subsets ?? [];
    counts.set(item.metadata?.name ?? '', {
      ready: subsets.reduce((total, subset) => total + (subset.addresses?.length ?? 0), 0),
      notReady: subsets.reduce((total, subset) => total + (subset.notReadyAddresses?.length ?? 0), 0),
    });
  }
  return counts;
}

/**
 * kubectl's service columns. With endpoint counts, a Service that selects pods but has no
 * ready endpoint is flagged: it answers every request with a connection refused.
 */
export function serviceRow(service: V1Service, now: Date, endpoints?: EndpointCounts): ListRow {
  const type = service.spec?.type ?? 'ClusterIP';
  const problem = serviceProblem(service, type, endpoints);
  return {
    namespace: service.metadata?.namespace,
    cells: [
      service.metadata?.name ?? '?',
      type,
      service.spec?.clusterIP || '<none>',
      externalIp(service, type),
      ports(service),
      formatAge(service.metadata?.creationTimestamp, now),
    ],
    status: type,
    problem,
    severity: 0,
  };
}

function serviceProblem(service: V1Service, type: string, endpoints?: EndpointCounts): string | undefined {
  if (type === 'LoadBalancer' && externalIp(service, type) === '<pending>') return 'load balancer pending';
  const selects = Object.keys(service.spec?.selector ?? {}).length > 0;
  if (!endpoints || !selects || type === 'ExternalName') return undefined;
  const counts = endpoints.get(service.metadata?.name ?? '');
  if (!counts || counts.ready === 0) {
    return counts?.notReady
      ? 'no ready endpoints (pods not ready)'
      : 'no endpoints (selector matches no pod)';
  }
  return undefined;
}

function externalIp(service: V1Service, type: string): string {
  const listed = service.spec?.externalIPs ?? [];
  if (type === 'ExternalName') return service.spec?.externalName ?? '<none>';
  if (type === 'LoadBalancer') {
    const ingress = (service.status?.loadBalancer?.ingress ?? [])
      .map((item) => item.ip || item.hostname)
      .filter((item): item is string => Boolean(item));
    const all = [...ingress, ...listed];
    return all.length > 0 ? all.join(',') : '<pending>';
  }
  return listed.length > 0 ? listed.join(',') : '<none>';
}

function ports(service: V1Service): string {
  const list = service.spec?.ports ?? [];
  if (list.length === 0) return '<none>';
  return list
    .map((port) => `${port.port}${port.nodePort ? `:${port.nodePort}` : ''}/${port.protocol ?? 'TCP'}`)
    .join(',');
}
