/** Legacy (unaggregated) discovery documents: /version, /api, /apis, /api/v1, /apis/{group}[/{version}]. */

import type { ResourceDef } from './resources.ts';
import { groupVersions, RESOURCES, verbsOf } from './resources.ts';

export const VERSION_INFO = {
  major: '1',
  minor: '30',
  gitVersion: 'v1.30.2',
  gitCommit: '39683505b630ff2121012f3c5b16215a1449d5ed',
  gitTreeState: 'clean',
  buildDate: '2024-06-11T20:21:00Z',
  goVersion: 'go1.22.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const SUBRESOURCE_KIND: Record<string, { group?: string; version?: string; kind: string; verbs: string[] }> =
  {
    log: { kind: 'Pod', verbs: ['get'] },
    status: { kind: '', verbs: ['get', 'patch', 'update'] },
    scale: { group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
  };

const resourceEntries = (def: ResourceDef): Record<string, unknown>[] => {
  const main = {
    name: def.plural,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: verbsOf(def),
    ...(def.shortNames ? { shortNames: def.shortNames } : {}),
    ...(def.categories ? { categories: def.categories } : {}),
    storageVersionHash: Buffer.from(def.plural).toString('base64').slice(0, 11),
  };
  const subs = def.subresources.map((sub) => {
    const s = SUBRESOURCE_KIND[sub]!;
    return {
      name: `${def.plural}/${sub}`,
      singularName: '',
      namespaced: def.namespaced,
      ...(s.group ? { group: s.group, version: s.version } : {}),
      kind: s.kind || def.kind,
      verbs: s.verbs,
    };
  });
  return [main, ...subs];
};

export const apiResourceList = (group: string, version: string): Record<string, unknown> | undefined => {
  const defs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (defs.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: defs.flatMap(resourceEntries),
  };
};

export const apiVersions = (serverAddress: string): Record<string, unknown> => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
});

export const apiGroup = (group: string): Record<string, unknown> | undefined => {
  const versions = groupVersions()
    .filter((gv) => gv.group === group && group !== '')
    .map((gv) => ({ groupVersion: `${gv.group}/${gv.version}`, version: gv.version }));
  if (versions.length === 0) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions, preferredVersion: versions[0] };
};

export const apiGroupList = (): Record<string, unknown> => {
  const groups = [...new Set(RESOURCES.filter((r) => r.group).map((r) => r.group))];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((g) => {
      const { kind: _k, apiVersion: _a, ...rest } = apiGroup(g)!;
      return rest;
    }),
  };
};
