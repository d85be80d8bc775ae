import { describe, expect, it } from 'vitest';
import { closestName } from './closest-name.js';

const tools = ['list_pods_from_namespace', 'list_pods_all_namespaces', 'get_pod_logs', 'get_events'];

describe('closestName', () => {
  it('finds a typo and a name cut short', () => {
    expect(closestName('get_pod_log', tools)).toBe('get_pod_logs');
    expect(closestName('get_evnets', tools)).toBe('get_events');
    expect(closestName('list_pods', tools)).toMatch(/^list_pods_/);
    expect(closestName('name', ['namespace', 'deployment_name', 'replicas'])).toBe('deployment_name');
  });

  it('suggests nothing rather than something unrelated', () => {
    expect(closestName('scale_deployment', tools)).toBeUndefined();
    expect(closestName('x', tools)).toBeUndefined();
  });
});
