import { describe, expect, it } from 'vitest';
import { type ApiResource, collectionPath, matchKind, qualifiedName } from './discovery.js';

const resource = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  extra: Partial<ApiResource> = {},
) => ({
  group,
  version,
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced: true,
  shortNames: [],
  verbs: ['get', 'list'],
  ...extra,
});

// Core first, then groups in the server's priority order, as discovery returns them.
const served: ApiResource[] = [
  resource('', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  resource('', 'v1', 'Node', 'nodes', { namespaced: false, shortNames: ['no'] }),
  resource('apps', 'v1', 'Deployment', 'deployments', { shortNames: ['deploy'] }),
  resource('events.k8s.io', 'v1', 'Event', 'events'),
  resource('argoproj.io', 'v1alpha1', 'Rollout', 'rollouts', { shortNames: ['ro'] }),
];

describe('matchKind', () => {
  it('takes kind, plural, singular and short name in any case; the core group wins a tie', () => {
    for (const name of ['Event', 'events', 'EVENT', 'ev']) expect(matchKind(served, name)?.group).toBe('');
    expect(matchKind(served, 'ro')?.kind).toBe('Rollout');
  });

  it('takes group/version/kind, version/kind and resource.group', () => {
    expect(matchKind(served, 'events.k8s.io/v1/Event')?.group).toBe('events.k8s.io');
    expect(matchKind(served, 'events.events.k8s.io')?.group).toBe('events.k8s.io');
    expect(matchKind(served, 'deploy.apps')?.kind).toBe('Deployment');
    expect(matchKind(served, 'v1/Node')?.namespaced).toBe(false);
    expect(matchKind(served, 'argoproj.io/v1/Rollout')).toBeUndefined();
    expect(matchKind(served, 'Rolout')).toBeUndefined();
  });

  it('builds the paths and names RBAC uses', () => {
    const rollout = matchKind(served, 'rollouts') as ApiResource;
    expect(collectionPath(rollout, 'shop')).toBe('/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts');
    expect(collectionPath(matchKind(served, 'nodes') as ApiResource, 'shop')).toBe('/api/v1/nodes');
    expect(qualifiedName(rollout)).toBe('rollouts.argoproj.io');
  });
});
