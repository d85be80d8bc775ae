import type { V1Ingress, V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { ingressesAnalyzer } from './ingresses.js';

const now = new Date('2026-03-01T12:00:00Z');

const checkout: Wire<V1Service> = {
  metadata: { name: 'checkout', namespace: 'shop' },
  spec: { selector: { app: 'checkout' }, ports: [{ name: 'http', port: 80 }] },
};

function ingress(
  defaultService?: string,
  paths: { service: string; port: { number?: number; name?: string } }[] = [],
): Wire<V1Ingress> {
  return {
    metadata: { name: 'shop', namespace: 'shop' },
    spec: {
      ...(defaultService
        ? { defaultBackend: { service: { name: defaultService, port: { number: 80 } } } }
        : {}),
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: paths.map((item, index) => ({
              path: `/p${index}`,
              pathType: 'Prefix',
              backend: { service: { name: item.service, port: item.port } },
            })),
          },
        },
        {
          host: 'static.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { resource: { kind: 'StorageBucket', name: 'static' } },
              },
            ],
          },
        },
      ],
    },
  };
}

describe('ingressesAnalyzer', () => {
  it('reports a rule and a defaultBackend pointing at a missing Service, with a did-you-mean', () => {
    const snapshot = snapshotOf({
      services: [checkout],
      ingresses: [ingress('frontend', [{ service: 'chekout', port: { number: 80 } }])],
    });
    const [finding, ...rest] = ingressesAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'Ingress', namespace: 'shop', name: 'shop' },
      cause: 'IngressServiceMissing',
    });
    expect(finding?.summary).toBe(
      'backend Services frontend, chekout do not exist in shop; did you mean checkout (not chekout)?',
    );
    expect(finding?.evidence).toEqual([
      'defaultBackend: service frontend port 80',
      'rule shop.example.com /p0: service chekout port 80',
    ]);
  });

  it('reports a port number or name the Service does not expose', () => {
    const snapshot = snapshotOf({
      services: [checkout],
      ingresses: [
        ingress(undefined, [
          { service: 'checkout', port: { number: 8080 } },
          { service: 'checkout', port: { name: 'grpc' } },
        ]),
      ],
    });
    const [finding] = ingressesAnalyzer.analyze(snapshot, now);
    expect(finding?.cause).toBe('IngressServicePortMissing');
    expect(finding?.summary).toBe(
      'backend port 8080 is not a port of Service checkout (it exposes 80/http).',
    );
    expect(finding?.evidence).toHaveLength(2);
  });

  it('accepts backends whose Service and port exist, by number or by name', () => {
    const snapshot = snapshotOf({
      services: [checkout],
      ingresses: [
        ingress('checkout', [
          { service: 'checkout', port: { name: 'http' } },
          { service: 'checkout', port: { number: 80 } },
        ]),
      ],
    });
    expect(ingressesAnalyzer.analyze(snapshot, now)).toEqual([]);
    const blind = snapshotOf({ ingresses: [ingress('frontend')], unreadable: ['services: forbidden'] });
    expect(ingressesAnalyzer.analyze(blind, now)).toEqual([]);
  });
});
