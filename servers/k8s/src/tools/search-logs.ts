import { defineTool, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { contextArg, namespaceArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { formatLogSearch } from '../format/log-search.js';
import { compileGrep } from '../format/logs.js';
import { searchLogs } from '../log-search.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { parseWorkloadRef, workloadSelector } from '../workload-ref.js';

const searchInput = {
  namespace: namespaceArg,
  workload: z
    .string()
    .max(300)
    .optional()
    .describe('kind/name, e.g. "deployment/checkout" (also statefulset, daemonset, replicaset, job)'),
  label_selector: z
    .string()
    .max(1_000)
    .optional()
    .describe('Instead of workload: pods matching this selector'),
  pattern: z.string().min(1).max(200).describe('JavaScript regex, e.g. "ERROR|timeout"'),
  since_minutes: z.number().int().min(1).max(10_080).default(60).describe('Window (default 60)'),
  previous: z.boolean().default(false).describe('Search the crashed previous instances'),
  container: z.string().max(63).optional().describe('Only this container (default: all)'),
  max_matches: z.number().int().min(1).max(200).default(30).describe('Distinct messages shown (default 30)'),
  context: contextArg,
};

export function searchLogTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'search_logs',
      description:
        'Regex search across the logs of every pod and container of a workload (or label selector), in parallel. Identical messages are folded with a count and first/last time. Use to find the one error among many replicas.',
      input: searchInput,
      annotations: {
        title: 'Search logs across a workload',
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
      async handler(args, toolContext) {
        const { namespace } = args;
        assertNamespaceAllowed(deps.config, namespace);
        if ((args.workload === undefined) === (args.label_selector === undefined)) {
          throw new ToolError(
            'Pass exactly one of `workload` and `label_selector`.',
            'E.g. workload: "deployment/checkout", or label_selector: "app=checkout".',
          );
        }
        const pattern = compileGrep(args.pattern);
        const ref = args.workload === undefined ? undefined : parseWorkloadRef(args.workload);
        const apis = await deps.kube.forContext(args.context);
        const labelSelector = ref
          ? await workloadSelector(apis, namespace, ref)
          : (args.label_selector ?? '');
        const outcome = await searchLogs(apis, {
          namespace,
          labelSelector,
          pattern,
          sinceSeconds: args.since_minutes * 60,
          previous: args.previous,
          container: args.container,
          signal: toolContext.signal,
        });
        const target = ref
          ? `${ref.kind} ${namespace}/${ref.name} (${labelSelector})`
          : `pods ${labelSelector} in ${namespace}`;
        return {
          text: formatLogSearch({
            target,
            pattern: args.pattern,
            sinceMinutes: args.since_minutes,
            previous: args.previous,
            maxMatches: args.max_matches,
            budgetBytes: toolContext.budgetBytes,
            outcome,
          }),
          moreHint: 'Narrow the pattern or since_minutes.',
        };
      },
    }),
  ];
}
