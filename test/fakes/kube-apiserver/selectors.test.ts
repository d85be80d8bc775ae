import { describe, expect, it } from 'vitest';
import { findResource } from './resources.ts';
import { parseFieldSelector, parseLabelSelector } from './selectors.ts';
import { KubeError } from './status.ts';
import type { KubeObject } from './types.ts';

const obj = (labels: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', labels },
  ...extra,
});

const matches = (selector: string, labels: Record<string, string>) =>
  parseLabelSelector(selector)!(obj(labels));

describe('label selectors', () => {
  it('implements equality, sets and existence with comma as AND', () => {
    expect(matches('app=a', { app: 'a' })).toBe(true);
    expect(matches('app==a', { app: 'b' })).toBe(false);
    expect(matches('app!=a', {})).toBe(true);
    expect(matches('app in (a, b)', { app: 'b' })).toBe(true);
    expect(matches('app notin (a,b)', {})).toBe(true);
    expect(matches('app notin (a,b)', { app: 'a' })).toBe(false);
    expect(matches('tier,!canary', { tier: 'x' })).toBe(true);
    expect(matches('tier,!canary', { tier: 'x', canary: '' })).toBe(false);
    expect(matches('app in (a,b),tier=web', { app: 'a', tier: 'db' })).toBe(false);
    expect(parseLabelSelector('  ')).toBeUndefined();
  });

  it('rejects malformed keys with a 400', () => {
    expect(() => parseLabelSelector('a b c')).toThrow(KubeError);
  });
});

describe('field selectors', () => {
  const pods = findResource('', 'v1', 'pods')!;
  const events = findResource('', 'v1', 'events')!;

  it('matches nested fields, with != and ==', () => {
    const pod = obj({}, { spec: { nodeName: 'n1' }, status: { phase: 'Running' } });
    expect(parseFieldSelector('spec.nodeName=n1,status.phase!=Pending', pods)!(pod)).toBe(true);
    expect(parseFieldSelector('metadata.namespace==other', pods)!(pod)).toBe(false);
    expect(parseFieldSelector('spec.nodeName=', pods)!(obj({}, { spec: {} }))).toBe(true);
    const event = obj({}, { source: { component: 'kubelet' }, involvedObject: { uid: 'u1' } });
    expect(parseFieldSelector('source=kubelet,involvedObject.uid=u1', events)!(event)).toBe(true);
  });

  it('refuses labels the resource does not index, as the real server does', () => {
    try {
      parseFieldSelector('status.phase=Running', events);
      expect.unreachable();
    } catch (err) {
      expect((err as KubeError).status).toMatchObject({
        code: 400,
        message: 'field label not supported: status.phase',
      });
    }
  });
});
