/** Services with the Endpoints the controller would compute from the pods, and Ingresses. */
import type { Clock } from '../../../test/fakes/kube-apiserver/build.ts';
import { uid } from '../../../test/fakes/kube-apiserver/build.ts';
import type { KubeObject } from '../../../test/fakes/kube-apiserver/index.ts';
import type { IngressSpec, ServiceSpec } from './types.ts';

const meta = (clock: Clock, kind: string, namespace: string, name: string) => ({
  name,
  namespace,
  uid: uid(kind, namespace, name),
  creationTimestamp: clock.ago(86400 * 60),
});

export function buildService(clock: Clock, s: ServiceSpec, index: number): KubeObject {
  const ip = `10.96.${10 + (index % 200)}.${(index * 37) % 250}`;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...meta(clock, 'Service', s.namespace, s.name), labels: { app: s.name } },
    spec: {
      type: s.type ?? 'ClusterIP',
      clusterIP: ip,
      clusterIPs: [ip],
      ...(s.selector ? { selector: s.selector } : {}),
      ports: [{ name: 'http', protocol: 'TCP', port: s.port ?? 80, targetPort: s.targetPort ?? 8080 }],
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
}

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

const isReady = (pod: KubeObject) =>
  !pod.metadata.deletionTimestamp &&
  (pod.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );

/** What the endpoints controller writes: ready and not-ready addresses of running pods; no subsets when none. */
export function buildEndpoints(clock: Clock, service: KubeObject, pods: KubeObject[]): KubeObject {
  const selector = service.spec.selector as Record<string, string> | undefined;
  const { namespace, name } = service.metadata as { namespace: string; name: string };
  const members = selector
    ? pods.filter(
        (p) => p.metadata.namespace === namespace && p.status?.podIP && matches(selector, p.metadata.labels),
      )
    : [];
  const address = (p: KubeObject) => ({
    ip: p.status.podIP,
    nodeName: p.spec.nodeName,
    targetRef: { kind: 'Pod', namespace, name: p.metadata.name, uid: p.metadata.uid },
  });
  const ready = members.filter(isReady).map(address);
  const notReady = members.filter((p) => !isReady(p)).map(address);
  const port = service.spec.ports[0];
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { ...meta(clock, 'Endpoints', namespace, name), labels: { app: name } },
    ...(ready.length || notReady.length
      ? {
          subsets: [
            {
              ...(ready.length ? { addresses: ready } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady } : {}),
              ports: [
                {
                  name: 'http',
                  port: typeof port.targetPort === 'number' ? port.targetPort : 8080,
                  protocol: 'TCP',
                },
              ],
            },
          ],
        }
      : {}),
  };
}

export function buildIngress(clock: Clock, i: IngressSpec): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(clock, 'Ingress', i.namespace, i.name),
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: i.host,
          http: {
            paths: [
              {
                path: i.path ?? '/',
                pathType: 'Prefix',
                backend: { service: { name: i.service, port: { number: i.port ?? 80 } } },
              },
            ],
          },
        },
      ],
    },
    status: { loadBalancer: { ingress: [{ hostname: 'k8s-ingress-0a1b2c3d.elb.us-east-1.amazonaws.com' }] } },
  };
}
