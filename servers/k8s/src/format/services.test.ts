import type { V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { countEndpoints, serviceRow } from './services.js';

const now = new Date('2026-03-01T12:00:00Z');
const created = new Date('2026-02-01T12:00:00Z');

const service = (name: string, spec: V1Service['spec'], status?: V1Service['status']): V1Service => ({
  metadata: { name, namespace: 'shop', creationTimestamp: created },
  spec,
  ...(status ? { status } : {}),
});

describe('serviceRow', () => {
  const endpoints = countEndpoints([
    { metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }] },
    { metadata: { name: 'slow' }, subsets: [{ notReadyAddresses: [{ ip: '10.0.0.3' }] }] },
    { metadata: { name: 'orphan' } },
  ]);

  it('renders kubectl columns for each type', () => {
    const web = service('web', {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP' }],
    });
    expect(serviceRow(web, now, endpoints)).toMatchObject({
      cells: ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '28d'],
      problem: undefined,
    });
    const lb = service(
      'public',
      {
        type: 'LoadBalancer',
        clusterIP: '10.96.0.11',
        ports: [
          { port: 443, nodePort: 31443, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
      { loadBalancer: { ingress: [{ hostname: 'lb.example.com' }] } },
    );
    expect(serviceRow(lb, now).cells.slice(1, 5)).toEqual([
      'LoadBalancer',
      '10.96.0.11',
      'lb.example.com',
      '443:31443/TCP,53/UDP',
    ]);
    const pending = service('pending', {
      type: 'LoadBalancer',
      clusterIP: '10.96.0.12',
      ports: [{ port: 80 }],
    });
    expect(serviceRow(pending, now)).toMatchObject({ problem: 'load balancer pending' });
    expect(serviceRow(pending, now).cells[3]).toBe('<pending>');
    const external = service('db', { type: 'ExternalName', externalName: 'db.example.com' });
    expect(serviceRow(external, now, endpoints).cells.slice(1, 5)).toEqual([
      'ExternalName',
      '<none>',
      'db.example.com',
      '<none>',
    ]);
    const headless = service('headless', { clusterIP: 'None', ports: [{ port: 5432 }] });
    expect(serviceRow(headless, now).cells.slice(1, 3)).toEqual(['ClusterIP', 'None']);
  });

  it('flags services with a selector but no ready endpoints', () => {
    const slow = service('slow', { selector: { app: 'slow' }, clusterIP: '10.96.0.13' });
    expect(serviceRow(slow, now, endpoints).problem).toBe('no ready endpoints (pods not ready)');
    const orphan = service('orphan', { selector: { app: 'gone' }, clusterIP: '10.96.0.14' });
    expect(serviceRow(orphan, now, endpoints).problem).toBe('no endpoints (selector matches no pod)');
    const missing = service('never-reconciled', { selector: { app: 'x' }, clusterIP: '10.96.0.15' });
    expect(serviceRow(missing, now, endpoints).problem).toBe('no endpoints (selector matches no pod)');
    // Without a selector the endpoints are managed by hand: nothing to judge.
    const manual = service('manual', { clusterIP: '10.96.0.16' });
    expect(serviceRow(manual, now, endpoints).problem).toBeUndefined();
    // Without endpoint data (RBAC), say nothing rather than guess.
    expect(serviceRow(orphan, now).problem).toBeUndefined();
  });
});
