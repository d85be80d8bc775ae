import type { CoreV1Event } from '@kubernetes/client-node';
import { defineTool, ToolError, type ToolResult } from '@sre-agent/shared';
import { z } from 'zod';
import { contextArg, listArgs, namespaceArg, optionalNamespaceArg, outputArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { type ApiResource, apiVersionOf, collectionPath, qualifiedName, resolveKind } from '../discovery.js';
import { type AnyObject, formatDescribe } from '../format/describe-object.js';
import { sortNewestFirst } from '../format/events.js';
import type { ListRow } from '../format/summary.js';
import { asTable, type TableRow, tableRow, visibleColumns } from '../format/table-rows.js';
import type { KubeApis } from '../kube-client.js';
import { isNotFound, toKubeToolError } from '../kube-errors.js';
import { type FetchPage, type KubeListPage, kubeFetcher, type PageQuery, runList } from '../list-all.js';
import { assertNamespaceAllowed, namespaceScope } from '../namespaces-guard.js';
import { redactObject, secretKeySizes } from '../redact.js';
import { didYouMean } from '../suggest.js';
import { listAnnotations } from './namespaces-scope.js';
import { missingNamespace, typed } from './read-named.js';

const kindArg = z
  .string()
  .refine(
    (value) => value.length > 0 && value.length <= 253,
    'kind is 1 to 253 characters, e.g. "Certificate"',
  )
  .describe('Kind, plural, short name or group/version/kind');

/**
 * Names of any kind: not only RFC 1123 (ClusterRoles are "system:controller:x", some CRDs allow
 * capitals). What must never pass is a path: no "/", "%", whitespace, "." or "..".
 */
const anyObjectName = z
  .string()
  .refine(
    (value) =>
      value.length > 0 && value.length <= 253 && !/[/%\s]/.test(value) && value !== '.' && value !== '..',
    'name is the object\'s name: 1-253 characters without "/", "%" or spaces',
  );

// What the API server prints for `kubectl get`: its own columns, a CRD's printer columns.
const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export function genericTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'list_resources',
      description: "Any kind, CRDs too, with kubectl's columns; when no list_* tool fits.",
      input: {
        kind: kindArg,
        namespace: optionalNamespaceArg,
        ...listArgs,
      },
      annotations: listAnnotations('List any kind'),
      async handler(args, context) {
        const apis = await deps.kube.forContext(args.context);
        const resource = await resolveKind(apis, args.kind);
        assertVerb(resource, 'list', apis);
        const scope = listScope(deps, resource, args.namespace);
        const json = args.output === 'json';
        const plan = {
          noun: resource.plural,
          kind: resource.kind,
          apiVersion: apiVersionOf(resource),
          scope: scope.label,
          // Filled from the first page: the server decides the columns.
          headers: [] as string[],
          withNamespace: resource.namespaced && !scope.namespace,
          fetchers: [] as FetchPage<unknown>[],
          // JSON rows only feed the counts; the objects themselves are what is returned.
          row: (item: unknown) => (json ? objectRow(item as AnyObject) : tableRow(item as TableRow, columns)),
          more: `Narrow with label_selector or field_selector, or page with limit and continue; describe_resource shows one ${resource.kind}.`,
          ...(scope.namespace ? { explainEmpty: () => explainEmptyNamespace(apis, scope.namespace) } : {}),
        };
        let columns: { index: number; header: string }[] = [];
        const now = deps.now();
        plan.fetchers = scope.paths.map((path) =>
          kubeFetcher(
            apis,
            { resource: qualifiedName(resource), namespace: scope.namespace },
            async (query): Promise<KubeListPage<unknown>> => {
              if (json) {
                const page = await jsonPage(apis, path, query, resource);
                return {
                  ...page,
                  items: page.items.filter((item) => allowedName(deps, resource, item.metadata)),
                };
              }
              const answer = await apis.rawGet(path, { accept: tableAccept, query: listQuery(query) });
              const table = asTable(answer, now);
              if (plan.headers.length === 0 && table.columnDefinitions) {
                columns = visibleColumns(table);
                plan.headers = columns.map((column) => column.header);
              }
              const rows = (table.rows ?? []).filter((row) =>
                allowedName(deps, resource, row.object?.metadata),
              );
              return {
                items: rows,
                metadata: {
                  _continue: table.metadata?.continue,
                  remainingItemCount: table.metadata?.remainingItemCount,
                },
              };
            },
          ),
        );
        const result = await runList(plan, args, context);
        return scope.note && result.text ? { ...result, text: `${scope.note}\n${result.text}` } : result;
      },
    }),
    defineTool({
      name: 'describe_resource',
      description: 'Any kind, CRDs too: conditions, status, spec, events; when no get_*_details fits.',
      input: {
        kind: kindArg,
        name: anyObjectName,
        namespace: namespaceArg,
        output: outputArg,
        context: contextArg,
      },
      annotations: listAnnotations('Describe any kind'),
      async handler(args, context) {
        const apis = await deps.kube.forContext(args.context);
        const resource = await resolveKind(apis, args.kind);
        assertVerb(resource, 'get', apis);
        const namespace = resource.namespaced ? args.namespace : undefined;
        if (namespace) assertNamespaceAllowed(deps.config, namespace);
        if (resource.kind === 'Namespace' && resource.group === '') {
          assertNamespaceAllowed(deps.config, args.name);
        }
        const raw = await readObject(apis, resource, namespace, args.name);
        const isSecret = isCoreSecret(resource);
        const object = redactObject({ ...raw, apiVersion: apiVersionOf(resource), kind: resource.kind });
        const { events, note } = await eventsFor(deps, apis, resource, namespace, args.name);
        if (args.output === 'json') {
          return describeJson(object, events);
        }
        const text = formatDescribe({
          object,
          kind: resource.kind,
          apiVersion: apiVersionOf(resource),
          events,
          eventsNote: note,
          secretKeys: isSecret ? secretKeySizes(raw as { data?: unknown }) : undefined,
          now: deps.now(),
          budgetBytes: context.budgetBytes,
        });
        return {
          text,
          moreHint: `Call describe_resource with output "json" for the whole object, or get_events for more events.`,
        };
      },
    }),
  ];
}

function assertVerb(resource: ApiResource, verb: string, apis: KubeApis): void {
  if (resource.verbs.length === 0 || resource.verbs.includes(verb)) return;
  throw new ToolError(
    `${qualifiedName(resource)} cannot be ${verb === 'list' ? 'listed' : 'read'} (context "${apis.context}"): the API serves only ${resource.verbs.join(', ')}.`,
    'Pick another kind, or use the tool made for it.',
  );
}

interface ListScope {
  paths: string[];
  label: string;
  namespace?: string | undefined;
  note?: string | undefined;
}

/** Where a list reads: one namespace, every namespace, each allowed one in turn, or the cluster. */
function listScope(deps: K8sToolDeps, resource: ApiResource, namespace: string | undefined): ListScope {
  if (!resource.namespaced) {
    const note = namespace
      ? `(${resource.kind} is cluster-scoped: namespace "${namespace}" ignored.)`
      : undefined;
    return { paths: [collectionPath(resource)], label: 'the cluster', note };
  }
  if (namespace) {
    assertNamespaceAllowed(deps.config, namespace);
    return { paths: [collectionPath(resource, namespace)], label: `namespace "${namespace}"`, namespace };
  }
  const allowed = namespaceScope(deps.config);
  if (allowed === 'all') return { paths: [collectionPath(resource)], label: 'all namespaces' };
  return {
    paths: allowed.map((name) => collectionPath(resource, name)),
    label: `the allowed namespaces (${allowed.join(', ')})`,
  };
}

/** Under SRE_NAMESPACES the Namespace kind lists only the allowed ones, as list_namespaces does. */
function allowedName(
  deps: K8sToolDeps,
  resource: ApiResource,
  metadata: { name?: unknown } | undefined,
): boolean {
  const allowed = deps.config.allowedNamespaces;
  if (allowed.length === 0 || resource.kind !== 'Namespace' || resource.group !== '') return true;
  return allowed.includes(String(metadata?.name ?? ''));
}

function objectRow(object: AnyObject): ListRow {
  const metadata = object.metadata as { name?: string; namespace?: string } | undefined;
  return { namespace: metadata?.namespace, cells: [metadata?.name ?? '?'], status: 'listed' };
}

function listQuery(query: PageQuery): Record<string, string | undefined> {
  return {
    labelSelector: query.labelSelector,
    fieldSelector: query.fieldSelector,
    continue: query._continue,
    limit: String(query.limit),
  };
}

/** Plain objects for `output: "json"`, typed so the redaction recognises a Secret by its kind. */
async function jsonPage(apis: KubeApis, path: string, query: PageQuery, resource: ApiResource) {
  const page = await apis.rawList<AnyObject>(path, query);
  const kind = { apiVersion: apiVersionOf(resource), kind: resource.kind };
  return { ...page, items: page.items.map((item) => ({ ...item, ...kind })) };
}

async function explainEmptyNamespace(apis: KubeApis, namespace: string | undefined): Promise<void> {
  if (!namespace) return;
  const missing = await missingNamespace(apis, namespace);
  if (missing) throw missing;
}

async function readObject(
  apis: KubeApis,
  resource: ApiResource,
  namespace: string | undefined,
  name: string,
): Promise<AnyObject> {
  const path = `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
  try {
    if (isCoreSecret(resource)) return await readSecretByList(apis, resource, namespace, name);
    return (await apis.rawGet(path)) as AnyObject;
  } catch (error) {
    const operation = { verb: 'get' as const, resource: qualifiedName(resource), namespace, name };
    if (!isNotFound(error)) throw toKubeToolError(error, operation, apis);
    throw await notFound(apis, resource, namespace, name);
  }
}

function isCoreSecret(resource: ApiResource): boolean {
  return resource.kind === 'Secret' && resource.group === '';
}

/**
 * A Secret through `list` with a name selector, not `get`: the shipped RBAC grants only `list` on
 * secrets (what list_secrets_from_namespace needs), and values are reduced to sizes either way.
 */
async function readSecretByList(
  apis: KubeApis,
  resource: ApiResource,
  namespace: string | undefined,
  name: string,
): Promise<AnyObject> {
  const page = await apis.rawList<AnyObject>(collectionPath(resource, namespace), {
    fieldSelector: `metadata.name=${name}`,
    limit: 1,
  });
  const [secret] = page.items;
  if (!secret) throw Object.assign(new Error('not found'), { code: 404 });
  return secret as AnyObject;
}

async function notFound(apis: KubeApis, resource: ApiResource, namespace: string | undefined, name: string) {
  const list = (await apis
    .rawGet(collectionPath(resource, namespace), { query: { limit: '1000' } })
    .catch(() => undefined)) as { items?: { metadata?: { name?: string } }[] } | undefined;
  const names = (list?.items ?? []).map((item) => item.metadata?.name ?? '').filter(Boolean);
  if (names.length === 0 && namespace) {
    const missing = await missingNamespace(apis, namespace);
    if (missing) return missing;
  }
  const where = namespace ? ` in namespace "${namespace}"` : '';
  return new ToolError(
    `${resource.kind} "${name}" not found${where} (context "${apis.context}").`,
    [
      didYouMean(name, names),
      names.length === 0 ? `There are no ${resource.plural}${where}.` : '',
      `Call list_resources with kind "${resource.kind}" to see what exists.`,
    ]
      .filter(Boolean)
      .join(' '),
  );
}

/**
 * Events naming this object, by kind and name (a Certificate and its Secret often share a name).
 * Cluster-scoped objects have their events in any namespace; under SRE_NAMESPACES only the
 * allowed ones are read.
 */
async function eventsFor(
  deps: K8sToolDeps,
  apis: KubeApis,
  resource: ApiResource,
  namespace: string | undefined,
  name: string,
): Promise<{ events: CoreV1Event[]; note?: string }> {
  const fieldSelector = `involvedObject.kind=${resource.kind},involvedObject.name=${name}`;
  const allowed = namespaceScope(deps.config);
  try {
    if (namespace) {
      return {
        events: (await apis.core.listNamespacedEvent({ namespace, fieldSelector, limit: 200 })).items,
      };
    }
    if (allowed === 'all')
      return { events: (await apis.core.listEventForAllNamespaces({ fieldSelector, limit: 200 })).items };
    const lists = await Promise.all(
      allowed.map((each) => apis.core.listNamespacedEvent({ namespace: each, fieldSelector, limit: 200 })),
    );
    return { events: lists.flatMap((list) => list.items) };
  } catch (error) {
    const reason = toKubeToolError(error, { verb: 'list', resource: 'events', namespace }, apis);
    return { events: [], note: `Events unavailable: ${reason.message}` };
  }
}

function describeJson(object: AnyObject, events: readonly CoreV1Event[]): ToolResult {
  const recent = sortNewestFirst(events)
    .slice(0, 20)
    .map((event) => redactObject(typed(event, 'Event', 'v1')));
  return {
    json: { object, events: recent },
    moreHint: 'Call get_events for more events of this object.',
  };
}
