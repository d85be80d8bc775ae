/** The resource types the fake serves, with what discovery and field selectors need to know about each. */

export type ResourceDef = {
  group: string; // '' for the core (legacy) group
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Field selector labels beyond metadata.name / metadata.namespace, as the real registry allows. */
  fields: string[];
  /** Subresources served, e.g. 'log', 'scale', 'status'. */
  subresources: string[];
  /** A CRD's additionalPrinterColumns: what `as=Table` lists show after Name. */
  printerColumns?: PrinterColumn[];
  /** Discovery categories (`all` puts a kind in `kubectl get all`). */
  categories?: string[];
};

export type PrinterColumn = {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  /** 0 = shown by default; higher only in `-o wide`. */
  priority?: number;
};

const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const core = (
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceDef> = {},
): ResourceDef => ({
  group: '',
  version: 'v1',
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  fields: [],
  subresources: [],
  ...extra,
});

const grouped = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  extra: Partial<ResourceDef>,
) => ({
  ...core(kind, plural, true, extra),
  group,
  version,
});

const EVENT_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

const POD_FIELDS = [
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'spec.hostNetwork',
  'status.phase',
  'status.podIP',
  'status.nominatedNodeName',
];

export const RESOURCES: readonly ResourceDef[] = [
  core('Namespace', 'namespaces', false, {
    shortNames: ['ns'],
    fields: ['status.phase'],
    subresources: ['status'],
  }),
  core('Node', 'nodes', false, {
    shortNames: ['no'],
    fields: ['spec.unschedulable'],
    subresources: ['status'],
  }),
  core('PersistentVolume', 'persistentvolumes', false, { shortNames: ['pv'], subresources: ['status'] }),
  core('Pod', 'pods', true, { shortNames: ['po'], fields: POD_FIELDS, subresources: ['log', 'status'] }),
  core('Service', 'services', true, { shortNames: ['svc'], subresources: ['status'] }),
  core('Endpoints', 'endpoints', true, { shortNames: ['ep'], singular: 'endpoints' }),
  core('Secret', 'secrets', true, { fields: ['type'] }),
  core('ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  core('Event', 'events', true, { shortNames: ['ev'], fields: EVENT_FIELDS }),
  core('PersistentVolumeClaim', 'persistentvolumeclaims', true, {
    shortNames: ['pvc'],
    subresources: ['status'],
  }),
  core('ReplicationController', 'replicationcontrollers', true, {
    shortNames: ['rc'],
    fields: ['status.replicas'],
    subresources: ['scale', 'status'],
  }),
  core('ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
  grouped('apps', 'v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    subresources: ['scale', 'status'],
  }),
  grouped('apps', 'v1', 'ReplicaSet', 'replicasets', {
    shortNames: ['rs'],
    fields: ['status.replicas'],
    subresources: ['scale', 'status'],
  }),
  grouped('apps', 'v1', 'StatefulSet', 'statefulsets', {
    shortNames: ['sts'],
    subresources: ['scale', 'status'],
  }),
  grouped('apps', 'v1', 'DaemonSet', 'daemonsets', { shortNames: ['ds'], subresources: ['status'] }),
  grouped('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
    shortNames: ['hpa'],
    subresources: ['status'],
  }),
  grouped('batch', 'v1', 'Job', 'jobs', { fields: ['status.successful'], subresources: ['status'] }),
  grouped('batch', 'v1', 'CronJob', 'cronjobs', { shortNames: ['cj'], subresources: ['status'] }),
  grouped('networking.k8s.io', 'v1', 'Ingress', 'ingresses', {
    shortNames: ['ing'],
    subresources: ['status'],
  }),
  // Custom resources, as cert-manager's CRDs declare them: printer columns, short names, a cluster-scoped kind.
  grouped('cert-manager.io', 'v1', 'Certificate', 'certificates', {
    shortNames: ['cert', 'certs'],
    subresources: ['status'],
    categories: ['cert-manager'],
    printerColumns: [
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' },
      { name: 'Issuer', type: 'string', jsonPath: '.spec.issuerRef.name', priority: 1 },
      {
        name: 'Status',
        type: 'string',
        jsonPath: '.status.conditions[?(@.type=="Ready")].message',
        priority: 1,
      },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  }),
  {
    ...grouped('cert-manager.io', 'v1', 'ClusterIssuer', 'clusterissuers', {
      subresources: ['status'],
      categories: ['cert-manager'],
      printerColumns: [
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    }),
    namespaced: false,
  },
];

export const apiVersionOf = (def: ResourceDef): string =>
  def.group ? `${def.group}/${def.version}` : def.version;

/** `deployments.apps`, or `pods` for the core group: how the real server names a resource in messages. */
export const qualifiedName = (def: ResourceDef): string =>
  def.group ? `${def.plural}.${def.group}` : def.plural;

export const findResource = (group: string, version: string, plural: string): ResourceDef | undefined =>
  RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);

export const resourceForObject = (apiVersion: string, kind: string): ResourceDef | undefined =>
  RESOURCES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);

export const groupVersions = (): { group: string; version: string }[] => {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(apiVersionOf(r), { group: r.group, version: r.version });
  return [...seen.values()];
};

// Namespaces are the one served type the real server refuses `deletecollection` on.
export const verbsOf = (def: ResourceDef): string[] =>
  def.kind === 'Namespace' ? READ_WRITE.filter((v) => v !== 'deletecollection') : READ_WRITE;
