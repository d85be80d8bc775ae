/** Services and their Endpoints: ready, not-ready-only, empty, load-balanced, headless. */

import type { Clock } from './build.ts';
import { uid } from './build.ts';
import type { KubeObject } from './types.ts';

type Port = {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol?: string;
  nodePort?: number;
};
type ServiceInput = {
  namespace: string;
  name: string;
  clusterIP: string;
  selector?: Record<string, string>;
  ports: Port[];
  type?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  externalIP?: string;
  createdAgo: number;
};

const buildService = (clock: Clock, s: ServiceInput): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: s.name,
    namespace: s.namespace,
    uid: uid('Service', s.namespace, s.name),
    creationTimestamp: clock.ago(s.createdAgo),
    labels: s.selector?.app ? { app: s.selector.app } : {},
  },
  spec: {
    type: s.type ?? 'ClusterIP',
    clusterIP: s.clusterIP,
    clusterIPs: [s.clusterIP],
    ...(s.selector ? { selector: s.selector } : {}),
    ports: s.ports.map((p) => ({ protocol: 'TCP', ...p })),
    sessionAffinity: 'None',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    internalTrafficPolicy: 'Cluster',
    ...(s.type === 'LoadBalancer'
      ? { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true }
      : {}),
  },
  status: { loadBalancer: s.externalIP ? { ingress: [{ ip: s.externalIP, ipMode: 'VIP' }] } : {} },
});

type Address = { ip: string; pod?: string; node?: string };

const address = (namespace: string, a: Address) => ({
  ip: a.ip,
  ...(a.node ? { nodeName: a.node } : {}),
  ...(a.pod ? { targetRef: { kind: 'Pod', namespace, name: a.pod, uid: uid('Pod', namespace, a.pod) } } : {}),
});

/** Endpoints as the controller writes them; `subsets` is absent, not empty, when nothing matches. */
const buildEndpoints = (
  clock: Clock,
  s: ServiceInput,
  ready: Address[],
  notReady: Address[] = [],
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: {
    name: s.name,
    namespace: s.namespace,
    uid: uid('Endpoints', s.namespace, s.name),
    creationTimestamp: clock.ago(s.createdAgo),
    labels: s.selector?.app ? { app: s.selector.app } : {},
    annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': clock.ago(60) },
  },
  ...(ready.length || notReady.length
    ? {
        subsets: [
          {
            ...(ready.length ? { addresses: ready.map((a) => address(s.namespace, a)) } : {}),
            ...(notReady.length ? { notReadyAddresses: notReady.map((a) => address(s.namespace, a)) } : {}),
            ports: s.ports.map((p) => ({
              ...(p.name ? { name: p.name } : {}),
              port: typeof p.targetPort === 'number' ? p.targetPort : 8080,
              protocol: p.protocol ?? 'TCP',
            })),
          },
        ],
      }
    : {}),
});

const CHECKOUT_PODS: Address[] = [
  { ip: '10.244.11.21', pod: 'checkout-7d9f8b6c5d-4xk2p', node: 'worker-1' },
  { ip: '10.244.12.22', pod: 'checkout-7d9f8b6c5d-9wzrt', node: 'worker-2' },
  { ip: '10.244.13.23', pod: 'checkout-7d9f8b6c5d-m7c5b', node: 'worker-3' },
];

export const networkObjects = (clock: Clock): KubeObject[] => {
  const http: Port[] = [{ name: 'http', port: 80, targetPort: 8080 }];
  const checkout: ServiceInput = {
    namespace: 'payments',
    name: 'checkout',
    clusterIP: '10.96.120.15',
    selector: { app: 'checkout' },
    ports: http,
    createdAgo: 86400 * 30,
  };
  const publicLb: ServiceInput = {
    namespace: 'payments',
    name: 'checkout-public',
    type: 'LoadBalancer',
    clusterIP: '10.96.45.200',
    selector: { app: 'checkout' },
    ports: [{ name: 'https', port: 443, targetPort: 8080, nodePort: 31443 }],
    externalIP: '203.0.113.10',
    createdAgo: 86400 * 30,
  };
  const ledger: ServiceInput = {
    namespace: 'payments',
    name: 'ledger',
    clusterIP: '10.96.88.7',
    selector: { app: 'ledger' },
    ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
    createdAgo: 86400 * 60,
  };
  const orphan: ServiceInput = {
    namespace: 'payments',
    name: 'orphan',
    clusterIP: '10.96.201.4',
    selector: { app: 'legacy-billing' },
    ports: http,
    createdAgo: 86400 * 200,
  };
  const ledgerDb: ServiceInput = {
    namespace: 'payments',
    name: 'ledger-db',
    clusterIP: 'None',
    selector: { app: 'ledger-db' },
    ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }],
    createdAgo: 86400 * 60,
  };
  const kubernetes: ServiceInput = {
    namespace: 'default',
    name: 'kubernetes',
    clusterIP: '10.96.0.1',
    ports: [{ name: 'https', port: 443, targetPort: 6443 }],
    createdAgo: 86400 * 41,
  };
  const kubeDns: ServiceInput = {
    namespace: 'kube-system',
    name: 'kube-dns',
    clusterIP: '10.96.0.10',
    selector: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, targetPort: 53 },
    ],
    createdAgo: 86400 * 41,
  };
  const services = [checkout, publicLb, ledger, orphan, ledgerDb, kubernetes, kubeDns];
  return [
    ...services.map((s) => buildService(clock, s)),
    buildEndpoints(clock, checkout, CHECKOUT_PODS),
    buildEndpoints(clock, publicLb, CHECKOUT_PODS),
    buildEndpoints(
      clock,
      ledger,
      [],
      [
        { ip: '10.244.12.32', pod: 'ledger-5c8d7f9b4d-x9p4r', node: 'worker-2' },
        { ip: '10.244.13.33', pod: 'ledger-5c8d7f9b4d-z5n8w', node: 'worker-3' },
      ],
    ),
    buildEndpoints(clock, orphan, []),
    buildEndpoints(clock, ledgerDb, [{ ip: '10.244.13.51', pod: 'ledger-db-0', node: 'worker-3' }]),
    buildEndpoints(clock, kubernetes, [{ ip: '10.0.0.10' }]),
    buildEndpoints(clock, kubeDns, [
      { ip: '10.244.11.3', pod: 'coredns-5d78c9869d-xk4bn', node: 'worker-1' },
      { ip: '10.244.12.3', pod: 'coredns-5d78c9869d-r2fdl', node: 'worker-2' },
    ]),
  ];
};
