/** Secrets (every value carries SECRET_MARKER) and ConfigMaps of the default fixture cluster. */

import type { Clock } from './build.ts';
import { uid } from './build.ts';
import type { KubeObject } from './types.ts';

/** Appears in every secret value, so tests can assert no output ever contains it. */
export const SECRET_MARKER = 'SHOULD-NEVER-LEAK';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

const meta = (clock: Clock, kind: string, namespace: string, name: string, createdAgo: number) => ({
  name,
  namespace,
  uid: uid(kind, namespace, name),
  creationTimestamp: clock.ago(createdAgo),
});

/** kubectl apply keeps the whole applied manifest, stringData plaintext included, in this annotation. */
const lastApplied = (manifest: Record<string, unknown>): Record<string, string> => ({
  'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(manifest)}\n`,
});

const secret = (
  clock: Clock,
  name: string,
  type: string,
  values: Record<string, string>,
  annotations?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    ...meta(clock, 'Secret', 'payments', name, 86400 * 60),
    ...(annotations ? { annotations } : {}),
  },
  type,
  data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, b64(v)])),
});

export const DB_USERNAME = `ledger_app-${SECRET_MARKER}`;
export const DB_PASSWORD = `hunter2-${SECRET_MARKER}-9f8e7d`;

const secrets = (clock: Clock): KubeObject[] => {
  const dbValues = { username: DB_USERNAME, password: DB_PASSWORD };
  const registryAuth = `robot$payments:${SECRET_MARKER}-registry-token`;
  const dockerConfig = {
    auths: {
      'registry.example.com': {
        username: 'robot$payments',
        password: `${SECRET_MARKER}-registry-token`,
        auth: b64(registryAuth),
      },
    },
  };
  return [
    secret(
      clock,
      'db-credentials',
      'Opaque',
      dbValues,
      lastApplied({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { annotations: {}, name: 'db-credentials', namespace: 'payments' },
        stringData: dbValues,
        type: 'Opaque',
      }),
    ),
    secret(clock, 'tls-cert', 'kubernetes.io/tls', {
      'tls.crt': `-----BEGIN CERTIFICATE-----\nMIIC${SECRET_MARKER}certQ29udGVudA==\n-----END CERTIFICATE-----\n`,
      'tls.key': `-----BEGIN PRIVATE KEY-----\nMIIE${SECRET_MARKER}keyS2V5Q29udGVudA==\n-----END PRIVATE KEY-----\n`,
    }),
    secret(clock, 'registry-pull', 'kubernetes.io/dockerconfigjson', {
      '.dockerconfigjson': JSON.stringify(dockerConfig),
    }),
  ];
};

const configMap = (
  clock: Clock,
  namespace: string,
  name: string,
  data: Record<string, string>,
  createdAgo = 86400 * 30,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: meta(clock, 'ConfigMap', namespace, name, createdAgo),
  data,
});

const ROOT_CA =
  '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIFakeRootCAForTests\n-----END CERTIFICATE-----\n';

const configMaps = (clock: Clock): KubeObject[] => [
  configMap(clock, 'payments', 'checkout-config', {
    LOG_LEVEL: 'info',
    PAYMENT_PROVIDER_URL: 'https://api.payments-provider.example.com/v2',
    FEATURE_FLAGS: '{"newCheckoutFlow":true,"applePay":false}',
    'application.yaml': 'server:\n  port: 8080\ncheckout:\n  timeoutMs: 2500\n  retries: 2\n',
  }),
  configMap(clock, 'payments', 'ledger-config', {
    DB_NAME: 'ledger',
    DB_POOL_SIZE: '20',
    RECONCILE_INTERVAL: '30s',
  }),
  configMap(clock, 'kube-system', 'coredns', {
    Corefile:
      '.:53 {\n    errors\n    health\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n      pods insecure\n      fallthrough in-addr.arpa ip6.arpa\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n',
  }),
  configMap(clock, 'monitoring', 'node-exporter-config', { 'web-config.yml': 'tls_server_config: {}\n' }),
  ...['default', 'kube-system', 'payments', 'monitoring'].map((ns) =>
    configMap(clock, ns, 'kube-root-ca.crt', { 'ca.crt': ROOT_CA }, 86400 * 41),
  ),
];

export const configObjects = (clock: Clock): KubeObject[] => [...secrets(clock), ...configMaps(clock)];
