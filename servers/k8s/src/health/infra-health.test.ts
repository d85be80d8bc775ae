import type { V1Endpoints, V1Node, V1PersistentVolumeClaim, V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { nodeHealth } from './node-health.js';
import { pvcHealth } from './pvc-health.js';
import { serviceHealth } from './service-health.js';

const service = (spec: V1Service['spec']): V1Service => ({ metadata: { name: 'checkout' }, spec });
const endpoints = (ready: string[], notReady: string[] = []): V1Endpoints => ({
  metadata: { name: 'checkout' },
  subsets: [
    {
      addresses: ready.map((ip) => ({ ip })),
      notReadyAddresses: notReady.map((ip) => ({ ip })),
    },
  ],
});

describe('serviceHealth', () => {
  const selected = service({ type: 'ClusterIP', selector: { app: 'checkout' } });

  it('counts ready and not-ready endpoints', () => {
    expect(serviceHealth(selected, endpoints(['10.0.0.1', '10.0.0.2']))).toMatchObject({
      verdict: 'Healthy',
      reasons: ['2 ready, 0 not ready endpoint(s)'],
    });
    expect(serviceHealth(selected, endpoints(['10.0.0.1'], ['10.0.0.2'])).verdict).toBe('Degraded');
  });

  it('is Unhealthy with no endpoints at all, naming the selector', () => {
    const report = serviceHealth(selected, undefined);
    expect(report.verdict).toBe('Unhealthy');
    expect(report.reasons[0]).toContain('no running pod matches the selector app=checkout');
    expect(serviceHealth(selected, { metadata: { name: 'checkout' } }).verdict).toBe('Unhealthy');
  });

  it('needs no endpoints for an ExternalName service', () => {
    const report = serviceHealth(
      service({ type: 'ExternalName', externalName: 'db.example.com' }),
      undefined,
    );
    expect(report.verdict).toBe('Healthy');
  });

  it('is Unknown without a spec', () => {
    expect(serviceHealth({ metadata: { name: 'x' } }, undefined).verdict).toBe('Unknown');
  });
});

describe('nodeHealth', () => {
  const node = (
    conditions: { type: string; status: string; reason?: string }[],
    unschedulable = false,
  ): V1Node => ({
    metadata: { name: 'node-1' },
    spec: { unschedulable },
    status: { conditions },
  });

  it('reads Ready and the pressure conditions', () => {
    expect(nodeHealth(node([{ type: 'Ready', status: 'True' }])).verdict).toBe('Healthy');
    const pressured = nodeHealth(
      node([
        { type: 'Ready', status: 'True' },
        { type: 'DiskPressure', status: 'True', reason: 'KubeletHasDiskPressure' },
      ]),
    );
    expect(pressured).toMatchObject({
      verdict: 'Degraded',
      reasons: ['DiskPressure=True (KubeletHasDiskPressure)', 'Ready=True'],
    });
    const lost = nodeHealth(node([{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }]));
    expect(lost.verdict).toBe('Unhealthy');
    expect(lost.reasons[0]).toContain('kubelet stopped posting status');
    expect(nodeHealth(node([{ type: 'Ready', status: 'True' }], true)).verdict).toBe('Degraded');
  });

  it('is Unknown with no conditions', () => {
    expect(nodeHealth({ metadata: { name: 'n' } }).verdict).toBe('Unknown');
  });
});

describe('pvcHealth', () => {
  const claim = (phase?: string): V1PersistentVolumeClaim => ({
    metadata: { name: 'data' },
    spec: { storageClassName: 'gp3', volumeName: 'pv-1' },
    ...(phase ? { status: { phase, capacity: { storage: '10Gi' } } } : {}),
  });

  it('maps Bound, Pending, Lost and missing status', () => {
    expect(pvcHealth(claim('Bound'))).toMatchObject({
      verdict: 'Healthy',
      reasons: ['Bound to pv-1 (10Gi, gp3)'],
    });
    expect(pvcHealth(claim('Pending')).verdict).toBe('Degraded');
    expect(pvcHealth(claim('Lost')).verdict).toBe('Unhealthy');
    expect(pvcHealth(claim()).verdict).toBe('Unknown');
  });
});
