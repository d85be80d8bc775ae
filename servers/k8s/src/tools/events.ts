import type { CoreV1Event } from '@kubernetes/client-node';
import { byteLength, defineTool, type ToolContext, ToolError, type ToolResult } from '@sre-agent/shared';
import { z } from 'zod';
import { boundedString, contextArg, listArgs, listOf, namespaceArg, outputArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import {
  createEventCollector,
  type EventFilter,
  filterEvents,
  parseInvolvedObject,
  renderEventTable,
} from '../format/events.js';
import type { KubeApis } from '../kube-client.js';
import { type FetchPage, forEachObject, kubeFetcher } from '../list-all.js';
import { assertNamespaceAllowed, namespaceScope } from '../namespaces-guard.js';
import { redactList } from '../redact.js';
import { missingNamespace } from './read-named.js';

const eventFilters = {
  types: listOf(boundedString(32, 'an event type'), 4).optional().describe('e.g. ["Warning"]'),
  since_minutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 1_440)
    .optional()
    .describe('Minutes back'),
  involved_object: boundedString(300, 'involved_object').optional().describe('"kind/name" or "name"'),
  limit: z.number().int().min(1).max(1_000).optional().describe('Max events'),
  field_selector: listArgs.field_selector,
  output: outputArg,
  context: contextArg,
};

const annotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;

export function eventTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'get_events',
      description: 'Newest first, Warning reasons counted. Node events are in "default".',
      input: { namespace: namespaceArg, ...eventFilters },
      annotations: { title: 'Events in a namespace', ...annotations },
      async handler({ namespace, ...args }, toolContext) {
        assertNamespaceAllowed(deps.config, namespace);
        const apis = await deps.kube.forContext(args.context);
        const fetchers = [namespacedFetcher(apis, namespace)];
        return runEvents(
          deps,
          apis,
          { ...args, fetchers, scope: `namespace "${namespace}"`, namespace },
          toolContext,
        );
      },
    }),
    defineTool({
      name: 'get_events_all_namespaces',
      description: 'With types ["Warning"] and since_minutes: what is going wrong now.',
      input: eventFilters,
      annotations: { title: 'Events in all namespaces', ...annotations },
      async handler(args, toolContext) {
        const apis = await deps.kube.forContext(args.context);
        const scope = namespaceScope(deps.config);
        const fetchers =
          scope === 'all'
            ? [
                kubeFetcher(apis, { resource: 'events' }, (query) =>
                  apis.core.listEventForAllNamespaces(query),
                ),
              ]
            : scope.map((namespace) => namespacedFetcher(apis, namespace));
        const label = scope === 'all' ? 'all namespaces' : `namespaces ${scope.join(', ')}`;
        return runEvents(deps, apis, { ...args, fetchers, scope: label, withNamespace: true }, toolContext);
      },
    }),
  ];
}

function namespacedFetcher(apis: KubeApis, namespace: string): FetchPage<CoreV1Event> {
  return kubeFetcher(apis, { resource: 'events', namespace }, (query) =>
    apis.core.listNamespacedEvent({ namespace, ...query }),
  );
}

interface EventRun {
  types?: string[] | undefined;
  since_minutes?: number | undefined;
  involved_object?: string | undefined;
  limit?: number | undefined;
  field_selector?: string | undefined;
  output: 'text' | 'json';
  fetchers: FetchPage<CoreV1Event>[];
  scope: string;
  namespace?: string;
  withNamespace?: boolean;
}

async function runEvents(
  deps: K8sToolDeps,
  apis: KubeApis,
  run: EventRun,
  context: ToolContext,
): Promise<ToolResult> {
  const now = deps.now();
  const filter: EventFilter = {
    types: run.types,
    sinceMinutes: run.since_minutes,
    involvedObject: run.involved_object,
    now,
  };
  const keep = run.limit ?? Math.ceil(context.budgetBytes / 80);
  const collector = createEventCollector(keep);
  const fieldSelector = serverSideSelector(run);
  const walk = await forEachObject(
    run.fetchers,
    { fieldSelector },
    (event) => {
      for (const match of filterEvents([event], filter)) collector.add(match);
    },
    { signal: context.signal },
  );
  if (collector.total === 0 && run.namespace && !fieldSelector) {
    const missing = await missingNamespace(apis, run.namespace);
    if (missing) throw missing;
  }
  const newest = collector.newest();
  if (run.output === 'json')
    return { json: redactList(newest), moreHint: 'Narrow with types, since_minutes or involved_object.' };
  return {
    text: formatEventsResult(
      run,
      collector.summary(),
      newest,
      collector.total,
      walk.capped,
      now,
      context.budgetBytes,
    ),
  };
}

function formatEventsResult(
  run: EventRun,
  summary: string,
  newest: CoreV1Event[],
  total: number,
  capped: boolean,
  now: Date,
  budgetBytes: number,
): string {
  const filters = describeFilters(run);
  const header = [`Events in ${run.scope}${filters}: ${summary}`];
  if (capped)
    header.push('Stopped reading after 20,000 events; narrow with since_minutes, types or involved_object.');
  if (total === 0)
    return `${header.join('\n')}\nNo events match. Events expire after about an hour by default, so an old problem may have none.`;
  const head = header.join('\n');
  const table = renderEventTable(newest, {
    now,
    withNamespace: run.withNamespace ?? false,
    budgetBytes: budgetBytes - byteLength(head) - 500,
    source: `events in ${run.scope}`,
  });
  const parts = [head, table.text];
  if (table.shown < total) {
    const raise =
      run.limit !== undefined && table.shown === run.limit ? 'Raise `limit`, or narrow' : 'Narrow';
    parts.push(
      `[${table.shown} newest of ${total} shown. ${raise} with types: ["Warning"], since_minutes or involved_object to see others.]`,
    );
  }
  return parts.join('\n');
}

function describeFilters(run: EventRun): string {
  const parts = [
    run.types?.length ? `types ${run.types.join('/')}` : '',
    run.since_minutes ? `last ${run.since_minutes} min` : '',
    run.involved_object ? `about ${run.involved_object}` : '',
    run.field_selector ? `field selector ${run.field_selector}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

const objectName = /^[A-Za-z0-9]([-A-Za-z0-9_.:]*[A-Za-z0-9])?$/;

/** Filters the API can apply itself, so fewer events cross the wire; the rest run client-side. */
function serverSideSelector(run: EventRun): string | undefined {
  const parts = run.field_selector ? [run.field_selector] : [];
  if (run.types?.length === 1 && /^[A-Za-z]+$/.test(run.types[0] ?? '')) {
    const type = run.types[0] ?? '';
    parts.push(`type=${type.charAt(0).toUpperCase()}${type.slice(1).toLowerCase()}`);
  }
  const { name } = parseInvolvedObject(run.involved_object);
  if (run.involved_object !== undefined) {
    if (!name || !objectName.test(name)) {
      throw new ToolError(
        `involved_object "${run.involved_object}" is not "name" or "kind/name".`,
        'Pass e.g. "checkout-7d9f8b6c5-x2x7q" or "pod/checkout-7d9f8b6c5-x2x7q".',
      );
    }
    parts.push(`involvedObject.name=${name}`);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
