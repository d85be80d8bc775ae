import { defineTool, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { boundedString, contextArg, namespaceArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { formatLogSearch } from '../format/log-search.js';
import { compileGrep } from '../format/logs.js';
import { searchLogs } from '../log-search.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { parseWorkloadRef, workloadSelector } from '../workload-ref.js';

const searchInput = {
  namespace: namespaceArg,
  workload: boundedString(300, 'workload').optional().describe('kind/name, e.g. "deployment/web"'),
  label_selector: boundedString(1_000, 'label_selector').optional().describe('Instead of workload'),
  pattern: boundedString(200, 'pattern')
    .refine((value) => value.length > 0, 'pattern is a regular expression, e.g. "ERROR|timeout"')
    .describe('Regex, e.g. "ERROR|timeout"'),
  since_minutes: z.number().int().min(1).max(10_080).default(60).describe('Window in minutes'),
  previous: z.boolean().default(false).describe('Crashed previous instances'),
  container: boundedString(63, 'container').optional().describe('Default: every container'),
  max_matches: z.number().int().min(1).max(200).default(30).describe('Distinct messages shown'),
  context: contextArg,
};

export function searchLogTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'search_logs',
      description:
        'Regex search over every pod and container of a workload or selector, repeats folded. Finds the one error among many replicas.',
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
