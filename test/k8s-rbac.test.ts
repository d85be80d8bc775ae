// deploy/kubernetes against the code: every k8s tool runs against the fake API server, each request is
// turned into what the real authorizer sees (verb, group, resource, subresource), and the RBAC rules
// shipped in deploy/kubernetes must allow exactly those: every read call by the read ClusterRole, every
// write call by the opt-in write Role and not by the read one, and no rule granting a verb on a resource
// no call used (never broader, never narrower than the code). Then the overlays as `kubectl kustomize`
// renders them, when kubectl is here.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../orchestrator/src/config.ts';
import { parseServerConfig } from '../shared/src/server-config.ts';
import { clockAt } from './fakes/kube-apiserver/build.ts';
import { buildDeployment } from './fakes/kube-apiserver/build-workloads.ts';
import { defaultFixtures } from './fakes/kube-apiserver/fixtures.ts';
import { leakyFixtures } from './fakes/kube-apiserver/fixtures-leaky.ts';
import { metricsFor } from './fakes/kube-apiserver/index.ts';
import { type RequestAttributes, requestAttributes } from './fakes/kube-apiserver/request-info.ts';
import { type K8sHarness, startK8sHarness } from './k8s-harness.ts';

const deployDir = fileURLToPath(new URL('../deploy/kubernetes/', import.meta.url));
const overlays = ['dev', 'production', 'writes-enabled'];

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: unknown;
};
type Rule = { apiGroups?: string[]; resources?: string[]; verbs: string[]; nonResourceURLs?: string[] };
type Role = Manifest & { rules: Rule[] };

/** The objects a kustomization lists under `resources` and `components`, recursively (patches are checked against kubectl below). */
function kustomizeResources(dir: string): Manifest[] {
  const kustomization = readFileSync(join(dir, 'kustomization.yaml'), 'utf8');
  const [config] = loadAll(kustomization) as [{ resources?: string[]; components?: string[] }];
  return [...(config.resources ?? []), ...(config.components ?? [])].flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return kustomizeResources(path);
    return (loadAll(readFileSync(path, 'utf8')) as Manifest[]).filter(Boolean);
  });
}

function roleNamed<T = Role>(manifests: Manifest[], kind: string, name: string): T {
  const role = manifests.find((object) => object.kind === kind && object.metadata.name === name);
  if (!role) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return role as T;
}
type Binding = Manifest & { roleRef: { kind: string; name: string }; subjects: unknown[] };

/** One (verb, group, resource[/subresource]) the authorizer checks. */
const permission = (verb: string, group: string, resource: string) =>
  `${verb} ${group || 'core'}/${resource}`;

function grants(rules: Rule[]): Set<string> {
  const out = new Set<string>();
  for (const rule of rules)
    for (const group of rule.apiGroups ?? [])
      for (const resource of rule.resources ?? [])
        for (const verb of rule.verbs) out.add(permission(verb, group, resource));
  return out;
}

/** Whether a grant set allows a call, `*` standing for every resource of a group as in RBAC. */
function allows(granted: Set<string>, call: string): boolean {
  return granted.has(call) || granted.has(call.replace(/^(\S+ [^/]+\/).*$/, '$1*'));
}

function needed(request: Extract<RequestAttributes, { kind: 'resource' }>): string {
  const resource = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
  return permission(request.verb, request.group, resource);
}

// Granted to every authenticated user by Kubernetes' default system:discovery and
// system:public-info-viewer ClusterRoles, so no rule of ours is needed for them.
const publicPaths = [
  /^\/api(\/v1)?\/?$/,
  /^\/apis(\/[^/]+){0,2}\/?$/,
  /^\/version\/?$/,
  /^\/(healthz|livez|readyz)$/,
];

const namespace = 'payments';
// Arguments for every tool the server lists (with writes on); a new tool without an entry fails the test.
const reads: Record<string, Record<string, unknown>[]> = {
  list_contexts: [{}],
  list_namespaces: [{}],
  list_deployments_from_namespace: [{ namespace }],
  list_deployments_all_namespaces: [{}],
  list_pods_from_namespace: [{ namespace }],
  list_pods_all_namespaces: [{}],
  list_services_from_namespace: [{ namespace }],
  list_secrets_from_namespace: [{ namespace }],
  list_daemonsets_from_namespace: [{ namespace }],
  list_configmaps_from_namespace: [{ namespace }],
  list_all_resources: [{ namespace }],
  get_deployment_details: [{ namespace, deployment_name: 'ledger' }],
  get_pod_details: [{ namespace, pod_name: 'ledger-5c8d7f9b4d-z5n8w' }],
  get_pod_logs: [{ namespace, pod_name: 'ledger-5c8d7f9b4d-x9p4r', container: 'ledger' }],
  get_events: [{ namespace }],
  get_events_all_namespaces: [{}],
  get_resource_health: [
    ['pod', 'ledger-5c8d7f9b4d-z5n8w'],
    ['deployment', 'ledger'],
    ['statefulset', 'ledger-db'],
    ['replicaset', 'ledger-5c8d7f9b4d'],
    ['service', 'ledger'],
    ['pvc', 'data-ledger-db-0'],
    ['node', 'worker-4'],
  ].map(([resource_type, resource_name]) => ({ namespace, resource_type, resource_name })),
  diagnose_cluster: [{}],
  diagnose_workload: [
    { namespace, kind: 'Deployment', name: 'ledger' },
    { namespace, kind: 'StatefulSet', name: 'ledger-db' },
    { namespace, kind: 'CronJob', name: 'reports-nightly' },
    { namespace, kind: 'Service', name: 'orphan' },
  ],
  search_logs: [{ namespace, workload: 'deployment/ledger', pattern: 'error' }],
  get_top: [{ namespace }, {}, { kind: 'nodes' }],
  get_rollout_status: [
    { namespace, workload: 'deployment/checkout' },
    { namespace, workload: 'statefulset/ledger-db' },
    { namespace, workload: 'daemonset/leaky-agent' },
  ],
  get_rollout_history: [{ namespace, deployment_name: 'checkout' }],
  // The generic readers, on every kind the read ClusterRole names (and Secrets, read by `list`).
  list_resources: [],
  describe_resource: [],
};
const writes: Record<string, Record<string, unknown>[]> = {
  rollback_deployment: [{ namespace, deployment_name: 'web' }],
  scale_deployment: [{ namespace, deployment_name: 'checkout', replicas: 4 }],
  restart_workload: [
    { namespace, workload: 'deployment/checkout' },
    { namespace, workload: 'statefulset/ledger-db' },
    { namespace, workload: 'daemonset/leaky-agent' },
  ],
};

describe('RBAC in deploy/kubernetes matches the calls the k8s server makes', () => {
  const base = kustomizeResources(join(deployDir, 'base'));
  const writesOverlay = kustomizeResources(join(deployDir, 'overlays/writes-enabled'));
  const readRole = roleNamed(base, 'ClusterRole', 'sre-k8s-mcp-read');
  const writeRole = roleNamed(writesOverlay, 'Role', 'sre-k8s-mcp-write');
  const readGrants = grants(readRole.rules);
  // The opt-in generic reads of custom resources (components/read-custom-resources, in production).
  const customRole = roleNamed(
    kustomizeResources(join(deployDir, 'components/read-custom-resources')),
    'ClusterRole',
    'sre-k8s-mcp-read-custom',
  );
  const customGrants = grants(customRole.rules);
  const readable = new Set([...readGrants, ...customGrants]);
  const writeGrants = grants(writeRole.rules);
  let harness: K8sHarness;
  const readCalls = new Map<string, string>();
  const writeCalls = new Map<string, string>();
  const publicCalls: string[] = [];
  const failures: string[] = [];
  let confirmHook: (() => void) | undefined;

  /** describe_resource on one object of every kind the read ClusterRole lets it `get` (a missing name where the fixtures have none). */
  async function describeEveryKind() {
    for (const rule of readRole.rules) {
      if (!rule.verbs.includes('get')) continue;
      for (const resource of rule.resources ?? []) {
        if (resource.includes('/')) continue;
        const group = rule.apiGroups?.[0] ?? '';
        const kind = group ? `${resource}.${group}` : resource;
        const [object] = harness.api.store.list<{ metadata: { name: string; namespace?: string } }>(resource);
        const args = object
          ? {
              kind,
              name: object.metadata.name,
              ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
            }
          : { kind, name: 'absent', namespace };
        await record('describe_resource', args, readCalls, object ? undefined : /not found/i);
      }
    }
    await record('describe_resource', { kind: 'secret', namespace, name: 'db-credentials' }, readCalls);
    // The custom resources the opt-in role names (cert-manager's, served by the fake).
    for (const plural of ['certificates', 'clusterissuers']) {
      const kind = `${plural}.cert-manager.io`;
      const [object] = harness.api.store.list<{ metadata: { name: string; namespace?: string } }>(plural);
      const where = object?.metadata.namespace ? { namespace: object.metadata.namespace } : {};
      await record('list_resources', { kind, ...where }, readCalls);
      if (object)
        await record('describe_resource', { kind, name: object.metadata.name, ...where }, readCalls);
    }
  }

  // The kinds the generic readers are run on: those the read ClusterRole names (plus Secrets).
  for (const rule of readRole.rules) {
    for (const resource of rule.resources ?? []) {
      const group = rule.apiGroups?.[0] ?? '';
      if (resource.includes('/') || group === 'metrics.k8s.io') continue;
      const kind = group ? `${resource}.${group}` : resource;
      reads.list_resources!.push({ kind, ...(resource === 'secrets' ? { namespace } : {}) });
    }
  }

  async function record(
    tool: string,
    args: Record<string, unknown>,
    into: Map<string, string>,
    error?: RegExp,
  ) {
    const before = harness.api.requests.length;
    const result = await harness.call(tool, args);
    const expected = error ? result.isError && error.test(result.text) : !result.isError;
    if (!expected) failures.push(`${tool} ${JSON.stringify(args)}: ${result.text}`);
    for (const request of harness.api.requests.slice(before)) {
      const attributes = requestAttributes(request.method, request.path, request.query);
      if (attributes.kind === 'nonResource') publicCalls.push(attributes.path);
      else into.set(needed(attributes), `${tool} (${request.method} ${request.path})`);
    }
  }

  beforeAll(async () => {
    const now = new Date();
    const fixture = defaultFixtures(now);
    // The leaky workloads add the one DaemonSet (payments/leaky-agent) the write tools can restart;
    // web has an earlier revision (ReplicaSet) to roll back to.
    const clock = clockAt(now);
    const web = (revision: number) =>
      buildDeployment(clock, {
        namespace,
        name: 'web',
        replicas: 1,
        ready: 1,
        containers: [{ name: 'web', image: `registry.example.com/web:1.0.${revision}`, port: 8080 }],
        createdAgo: 86_400 * (3 - revision),
        revision,
      });
    const [previous, current] = [web(1), web(2)];
    const objects = [
      ...fixture.objects,
      ...leakyFixtures(clock).objects,
      current.deployment,
      current.replicaSet,
      previous.replicaSet,
    ];
    harness = await startK8sHarness({
      now,
      objects,
      logs: fixture.logs,
      metrics: metricsFor(objects),
      env: { SRE_ALLOW_WRITES: 'true' },
      elicit: () => {
        confirmHook?.();
        confirmHook = undefined;
        return { action: 'accept', content: { confirm: true } };
      },
    });
    const listed = await harness.toolNames();
    const cases = { ...reads, ...writes };
    expect(listed.filter((tool) => !(tool in cases))).toEqual([]);
    for (const [tool, argsList] of Object.entries(reads))
      for (const args of argsList) await record(tool, args, readCalls);
    await describeEveryKind();
    for (const [tool, argsList] of Object.entries(writes))
      for (const args of argsList) await record(tool, args, writeCalls);
    // The replica count moving between the human's yes and the patch: the 422 path reads the scale again.
    confirmHook = () => {
      const deployment = harness.api.store.get<{ spec: { replicas: number } }>(
        'deployments',
        namespace,
        'ledger',
      );
      if (deployment) deployment.spec.replicas = 7;
    };
    await record(
      'scale_deployment',
      { namespace, deployment_name: 'ledger', replicas: 5 },
      writeCalls,
      /now at 7/,
    );
  }, 120_000);

  afterAll(() => harness?.close());

  it('runs every tool, each call succeeding', () => {
    expect(failures).toEqual([]);
  });

  it('allows every call the read-only tools make, in the read ClusterRole', () => {
    const denied = [...readCalls].filter(([call]) => !allows(readable, call));
    expect(denied).toEqual([]);
  });

  it('grants nothing the read-only tools do not use', () => {
    expect([...readGrants].filter((grant) => !readCalls.has(grant))).toEqual([]);
    const calls = [...readCalls.keys()];
    expect(
      [...customGrants].filter((grant) => !calls.some((call) => allows(new Set([grant]), call))),
    ).toEqual([]);
    // Custom resources only: never a built-in group, never every group.
    expect(
      customRole.rules
        .flatMap((rule) => rule.apiGroups ?? [])
        .filter((g) => g === '' || g === '*' || !g.includes('.')),
    ).toEqual([]);
  });

  it('lists Secrets and never gets one', () => {
    expect(readCalls.has(permission('list', '', 'secrets'))).toBe(true);
    for (const calls of [readCalls, writeCalls])
      expect(calls.has(permission('get', '', 'secrets'))).toBe(false);
    expect(readGrants.has(permission('get', '', 'secrets'))).toBe(false);
  });

  it('allows every change the write tools make only in the write Role, and grants nothing they do not use', () => {
    const changes = [...writeCalls.keys()].filter((call) => !allows(readable, call));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((call) => !writeGrants.has(call))).toEqual([]);
    expect([...writeGrants].filter((grant) => !changes.includes(grant))).toEqual([]);
    // The read role holds no verb that changes anything.
    expect([...readGrants].filter((grant) => !/^(get|list) /.test(grant))).toEqual([]);
  });

  it('needs nothing beyond discovery and /version outside resources (default for every authenticated user)', () => {
    expect(publicCalls.filter((path) => !publicPaths.some((pattern) => pattern.test(path)))).toEqual([]);
  });

  // Across the suite: `SRE_KUBE_REQUEST_LOG=/tmp/kube.log npx vitest run servers/k8s test/k8s-*.test.ts`
  // makes every fake append its requests there; then `SRE_KUBE_REQUEST_LOG_CHECK=/tmp/kube.log npx vitest
  // run test/k8s-rbac.test.ts` checks them all (the fake's own tests, which create and delete objects
  // directly, are not the server's calls: leave test/fakes out of that run).
  const suiteLog = process.env.SRE_KUBE_REQUEST_LOG_CHECK;
  it.skipIf(!suiteLog)(
    "allows every call in a whole test run's request log (SRE_KUBE_REQUEST_LOG_CHECK)",
    () => {
      const denied = new Map<string, string>();
      for (const line of readFileSync(suiteLog!, 'utf8').split('\n').filter(Boolean)) {
        const request = JSON.parse(line) as { method: string; path: string; query: Record<string, string> };
        const attributes = requestAttributes(request.method, request.path, request.query);
        if (attributes.kind === 'nonResource') {
          if (!publicPaths.some((pattern) => pattern.test(attributes.path)))
            denied.set(attributes.path, line);
        } else if (!allows(readable, needed(attributes)) && !writeGrants.has(needed(attributes))) {
          denied.set(needed(attributes), `${request.method} ${request.path}`);
        }
      }
      expect([...denied]).toEqual([]);
    },
  );

  it("binds the read ClusterRole cluster-wide and the write Role in its namespace, to the server's ServiceAccount only", () => {
    const subject = [{ kind: 'ServiceAccount', name: 'sre-k8s-mcp', namespace: 'sre-agent' }];
    const readBinding = roleNamed<Binding>(base, 'ClusterRoleBinding', 'sre-k8s-mcp-read');
    expect(readBinding.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'sre-k8s-mcp-read' });
    expect(readBinding.subjects).toEqual(subject);
    const writeBinding = roleNamed<Binding>(writesOverlay, 'RoleBinding', 'sre-k8s-mcp-write');
    expect(writeBinding.roleRef).toMatchObject({ kind: 'Role', name: 'sre-k8s-mcp-write' });
    expect(writeBinding.metadata.namespace).toBe(writeRole.metadata.namespace);
    expect(writeBinding.subjects).toEqual(subject);
    // Writes are opt-in: no overlay but writes-enabled carries the write Role.
    for (const overlay of ['dev', 'production'])
      expect(kustomizeResources(join(deployDir, 'overlays', overlay)).some((o) => o.kind === 'Role')).toBe(
        false,
      );
  });
});

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl)
  console.warn(
    '\n*** test/k8s-rbac.test.ts: SKIPPING the `kubectl kustomize` render of deploy/kubernetes: kubectl is not installed (the RBAC checks above still run on the manifests) ***\n',
  );

type Container = {
  name: string;
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { key: string } } }[];
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
};
type Rendered = Manifest & { spec?: Record<string, unknown>; rules?: Rule[] };

describe.skipIf(!hasKubectl)('deploy/kubernetes overlays, rendered by kubectl kustomize', () => {
  const render = (overlay: string): Rendered[] => {
    const result = spawnSync('kubectl', ['kustomize', join(deployDir, 'overlays', overlay)], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`kubectl kustomize ${overlay}: ${result.stderr}`);
    return loadAll(result.stdout) as Rendered[];
  };
  const find = (objects: Rendered[], kind: string, name: string) => {
    const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name}`);
    return found;
  };
  const containerOf = (deployment: Rendered) =>
    (deployment.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;
  /** The environment the kubelet gives the container: Secret keys filled in, `$(VAR)` of earlier variables expanded. */
  const kubeletEnv = (container: Container, secrets: Record<string, string>) => {
    const env: Record<string, string> = {};
    for (const variable of container.env ?? []) {
      const fromSecret = variable.valueFrom?.secretKeyRef?.key;
      const value = fromSecret !== undefined ? secrets[fromSecret] : variable.value;
      if (value === undefined) continue;
      env[variable.name] = value.replace(/\$\(([A-Z0-9_]+)\)/g, (whole, name: string) => env[name] ?? whole);
    }
    return env;
  };
  const envOf = (container: Container) =>
    Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));

  it.each(overlays)(
    '%s: RBAC exactly as in the manifests the RBAC test checks (no patch changes a rule)',
    (overlay) => {
      const rendered = render(overlay);
      const files = kustomizeResources(join(deployDir, 'overlays', overlay));
      const rbac = (objects: { kind: string; metadata: { name: string }; rules?: unknown }[]) =>
        objects
          .filter((object) => object.kind === 'ClusterRole' || object.kind === 'Role')
          .map((object) => ({ kind: object.kind, name: object.metadata.name, rules: object.rules }))
          .sort((a, b) => a.name.localeCompare(b.name));
      expect(rbac(rendered)).toEqual(rbac(files));
      // No secret is ever rendered from git: the Deployment reads them from one created by hand.
      expect(rendered.some((object) => object.kind === 'Secret')).toBe(false);
    },
  );

  it.each(overlays)('%s: containers with probes, requests and limits, each variable set once', (overlay) => {
    for (const deployment of render(overlay).filter((object) => object.kind === 'Deployment')) {
      const container = containerOf(deployment);
      const names = (container.env ?? []).map((e) => e.name);
      expect(new Set(names).size, `${deployment.metadata.name}: ${names.join(',')}`).toBe(names.length);
      expect(container.readinessProbe?.httpGet?.path).toMatch(/^\/health/);
      expect(container.livenessProbe?.httpGet?.path).toBeDefined();
      expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(container.resources?.limits?.memory).toBeDefined();
    }
  });

  it('production: two orchestrator replicas behind a Service, PDB, NetworkPolicy, read-only stateless k8s server', () => {
    const objects = render('production');
    const orchestrator = find(objects, 'Deployment', 'sre-agent');
    expect(orchestrator.spec?.replicas).toBe(2);
    expect(containerOf(orchestrator).args).toEqual(['sre-agent', 'serve']);
    expect(envOf(containerOf(orchestrator)).SRE_ALLOWED_HOSTS).toBe('sre.example.com');
    find(objects, 'Service', 'sre-agent');
    expect(find(objects, 'PodDisruptionBudget', 'sre-agent').spec?.minAvailable).toBe(1);
    const policy = find(objects, 'NetworkPolicy', 'sre-agent').spec as {
      policyTypes: string[];
      ingress: { ports: { port: number }[] }[];
    };
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.ingress.flatMap((rule) => rule.ports.map((port) => port.port))).toEqual([8000]);
    const k8s = containerOf(find(objects, 'Deployment', 'sre-k8s-mcp'));
    expect(envOf(k8s)).toMatchObject({ SRE_MCP_STATELESS: 'true', SRE_ALLOW_WRITES: 'false' });
    expect(find(objects, 'Service', 'sre-k8s-mcp').spec?.sessionAffinity).toBeUndefined();
  });

  it('writes-enabled: sessions back on and sticky (a confirmation is an elicitation inside one session)', () => {
    const objects = render('writes-enabled');
    const k8s = containerOf(find(objects, 'Deployment', 'sre-k8s-mcp'));
    expect(envOf(k8s)).toMatchObject({ SRE_MCP_STATELESS: 'false', SRE_ALLOW_WRITES: 'true' });
    expect(find(objects, 'Service', 'sre-k8s-mcp').spec?.sessionAffinity).toBe('ClientIP');
  });

  it.each(overlays)("%s: each Deployment's environment is accepted by its own config parser", (overlay) => {
    const secrets: Record<string, string> = {
      DATABASE_URL: 'postgres://sre:pw@postgres:5432/sre_agent',
      SRE_API_TOKEN: 'api-token-0123456789abcdef',
      GOOGLE_API_KEY: 'model-key',
      SRE_MCP_TOKEN: 'mcp-token-0123456789abcdef',
    };
    for (const deployment of render(overlay).filter((object) => object.kind === 'Deployment')) {
      const env = kubeletEnv(containerOf(deployment), secrets);
      if (deployment.metadata.name === 'sre-agent') {
        const config = parseConfig(env);
        expect(config.mcpServers?.map((server) => server.name)).toEqual(['k8s', 'aws_cost', 'aws_core']);
        expect(config.mcpServers?.[0]).toEqual({
          name: 'k8s',
          url: 'http://sre-k8s-mcp:8080/mcp',
          token: secrets.SRE_MCP_TOKEN,
        });
      } else {
        const config = parseServerConfig(env);
        expect(config.httpToken).toBe(secrets.SRE_MCP_TOKEN);
        expect(config.stateless).toBe(overlay !== 'writes-enabled');
        expect(config.allowWrites).toBe(overlay === 'writes-enabled');
      }
    }
  });

  it('dev: one replica each and no disruption budget', () => {
    const objects = render('dev');
    for (const deployment of objects.filter((object) => object.kind === 'Deployment'))
      expect(deployment.spec?.replicas, deployment.metadata.name).toBe(1);
    expect(objects.some((object) => object.kind === 'PodDisruptionBudget')).toBe(false);
  });
});
