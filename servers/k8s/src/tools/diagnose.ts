import { defineTool, type ToolContext, ToolError, type ToolResult } from '@sre-agent/shared';
import { z } from 'zod';
import { contextArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { addCrashLogs } from '../diagnose/enrich-logs.js';
import type { Finding, ObjectRef } from '../diagnose/finding.js';
import { loadSnapshot } from '../diagnose/load-snapshot.js';
import { diagnose } from '../diagnose/run-diagnosis.js';
import type { ClusterSnapshot } from '../diagnose/snapshot.js';
import { findingsInScope, resolveKind, workloadScope } from '../diagnose/workload-scope.js';
import { fitDiagnosisJson, formatDiagnosisText } from '../format/diagnose.js';
import type { KubeApis } from '../kube-client.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { assertNamespaceExists, listAnnotations } from './namespaces-scope.js';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

const outputArg = z.enum(['text', 'json']).default('text').describe('"json": {findings, unreadable}');

/** Reads the cluster once and runs every analyzer: the answer to "what is broken, and why". */
export function diagnoseTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'diagnose_cluster',
      description:
        'What is broken and why: findings ranked root cause first, with evidence and next step. Start here in an incident.',
      input: {
        namespace: z.string().max(63).optional().describe('One namespace; omit for all'),
        output: outputArg,
        context: contextArg,
      },
      annotations: listAnnotations('Diagnose the cluster'),
      async handler(args, toolContext) {
        const namespace = args.namespace === undefined ? undefined : checkNamespace(deps, args.namespace);
        const apis = await deps.kube.forContext(args.context);
        const { snapshot, findings } = await run(deps, apis, namespace, toolContext);
        if (namespace && isEmpty(snapshot)) await assertNamespaceExists(apis, namespace);
        const scope = namespace ? `namespace "${namespace}"` : 'all namespaces';
        const more = namespace
          ? 'Call diagnose_workload for one workload.'
          : 'Pass `namespace`, or call diagnose_workload for one workload.';
        return render(args.output, { scope, snapshot, findings, more }, toolContext);
      },
    }),
    defineTool({
      name: 'diagnose_workload',
      description:
        'diagnose_cluster for one object and what it owns or selects (pods, Services, claims, nodes).',
      input: {
        kind: z
          .string()
          .max(40)
          .describe(
            'Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, Service or PersistentVolumeClaim',
          ),
        name: z.string().max(253).describe('Object name'),
        namespace: z.string().max(63).describe('Namespace'),
        output: outputArg,
        context: contextArg,
      },
      annotations: listAnnotations('Diagnose a workload'),
      async handler(args, toolContext) {
        const kind = resolveKind(args.kind);
        const namespace = checkNamespace(deps, args.namespace);
        if (!dnsSubdomain.test(args.name)) {
          throw new ToolError(
            `\`name\` "${args.name}" is not a Kubernetes object name.`,
            'Use lowercase letters, digits, "-" and ".", e.g. "checkout".',
          );
        }
        const target: ObjectRef = { kind, namespace, name: args.name };
        const apis = await deps.kube.forContext(args.context);
        const { snapshot, findings } = await run(deps, apis, namespace, toolContext, target);
        const scope = `${kind} ${namespace}/${args.name} and what it owns or selects`;
        const more = `Call diagnose_cluster with namespace="${namespace}".`;
        return render(args.output, { scope, snapshot, findings, more }, toolContext);
      },
    }),
  ];
}

function checkNamespace(deps: K8sToolDeps, namespace: string): string {
  if (!dnsLabel.test(namespace)) {
    throw new ToolError(
      `\`namespace\` "${namespace}" is not a namespace name.`,
      'Use lowercase letters, digits and "-" (RFC 1123), e.g. "payments"; call list_namespaces to see them.',
    );
  }
  assertNamespaceAllowed(deps.config, namespace);
  return namespace;
}

async function run(
  deps: K8sToolDeps,
  apis: KubeApis,
  namespace: string | undefined,
  toolContext: ToolContext,
  target?: ObjectRef,
): Promise<{ snapshot: ClusterSnapshot; findings: Finding[] }> {
  const now = deps.now();
  const snapshot = await loadSnapshot(apis, deps.config, { namespace, now, signal: toolContext.signal });
  // The scope is checked before analysis, so a typo in the name fails fast with suggestions.
  const scope = target ? workloadScope(snapshot, target) : undefined;
  const all = diagnose(snapshot, now, toolContext.logger);
  const findings = target && scope ? findingsInScope(all, scope) : all;
  await addCrashLogs(apis, snapshot, findings);
  return { snapshot, findings };
}

function isEmpty(snapshot: ClusterSnapshot): boolean {
  return (
    snapshot.pods.length === 0 &&
    snapshot.deployments.length === 0 &&
    snapshot.services.length === 0 &&
    snapshot.unreadable.length === 0
  );
}

function render(
  output: 'text' | 'json',
  view: { scope: string; snapshot: ClusterSnapshot; findings: Finding[]; more: string },
  toolContext: ToolContext,
): ToolResult {
  if (output === 'json') {
    return {
      json: fitDiagnosisJson(view.snapshot, view.findings, toolContext.budgetBytes),
      jsonSource: 'diagnosis built from cluster status, events and logs',
      moreHint: view.more,
    };
  }
  return {
    text: formatDiagnosisText({ ...view, budgetBytes: toolContext.budgetBytes }),
    moreHint: view.more,
  };
}
