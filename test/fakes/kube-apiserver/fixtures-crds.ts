/**
 * cert-manager custom resources: a namespaced kind with printer columns and short names
 * (Certificate) and a cluster-scoped one (ClusterIssuer), for generic readers.
 */

import type { Clock } from './build.ts';
import { uid } from './build.ts';
import { NS } from './fixtures-payments.ts';
import type { KubeObject } from './types.ts';

const ready = (clock: Clock, status: 'True' | 'False', reason: string, message: string, ago: number) => ({
  type: 'Ready',
  status,
  reason,
  message,
  lastTransitionTime: clock.ago(ago),
  observedGeneration: 1,
});

const certificate = (
  clock: Clock,
  name: string,
  dnsName: string,
  condition: ReturnType<typeof ready>,
): KubeObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: {
    name,
    namespace: NS,
    uid: uid('Certificate', NS, name),
    generation: 1,
    creationTimestamp: clock.ago(86400 * 30),
    labels: { app: name.replace(/-tls$/, '') },
    managedFields: [
      { manager: 'cert-manager-certificates-trigger', operation: 'Update', apiVersion: 'cert-manager.io/v1' },
    ],
  },
  spec: {
    secretName: name,
    dnsNames: [dnsName],
    issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
    privateKey: { algorithm: 'ECDSA', size: 256 },
  },
  status: {
    conditions: [condition],
    ...(condition.status === 'True'
      ? { notBefore: clock.ago(86400 * 30), notAfter: clock.ago(-86400 * 60), revision: 1 }
      : { failedIssuanceAttempts: 3, lastFailureTime: clock.ago(600) }),
  },
});

/** payments/checkout-tls Ready; payments/ledger-tls not Ready (issuance failing); ClusterIssuer letsencrypt-prod Ready. */
export const crdObjects = (clock: Clock): KubeObject[] => [
  certificate(
    clock,
    'checkout-tls',
    'checkout.example.com',
    ready(clock, 'True', 'Ready', 'Certificate is up to date and has not expired', 86400 * 30),
  ),
  certificate(
    clock,
    'ledger-tls',
    'ledger.example.com',
    ready(
      clock,
      'False',
      'Failed',
      'The certificate request has failed to complete and will be retried: 429 urn:ietf:params:acme:error:rateLimited',
      600,
    ),
  ),
  {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: {
      name: 'letsencrypt-prod',
      uid: uid('ClusterIssuer', 'letsencrypt-prod'),
      creationTimestamp: clock.ago(86400 * 40),
    },
    spec: {
      acme: {
        server: 'https://acme-v02.api.letsencrypt.org/directory',
        email: 'sre@example.com',
        privateKeySecretRef: { name: 'letsencrypt-prod-account' },
        solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
      },
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ACMEAccountRegistered',
          message: 'The ACME account was registered with the ACME server',
          lastTransitionTime: clock.ago(86400 * 40),
          observedGeneration: 1,
        },
      ],
    },
  },
];
