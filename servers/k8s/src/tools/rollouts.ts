import { defineTool, formatAge, sleep, type ToolContext } from '@sre-agent/shared';
import { z } from 'zod';
import { boundedString, contextArg, namespaceArg, objectNameArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import type { KubeApis } from '../kube-client.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import {
  assertRollable,
  type RolloutKind,
  type RolloutRead,
  readRollout,
  replicaSetsOf,
} from '../rollout/read-rollout.js';
import { deploymentRevisions } from '../rollout/revisions.js';
import { parseWorkloadRef } from '../workload-ref.js';
import { readDeployment } from './read-named.js';

/** How often a wait re-reads the workload: the controllers themselves sync about this often. */
const pollMs = 2_000;

const readOnly = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;

export function rolloutReadTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'get_rollout_status',
      description: 'kubectl rollout status of a deployment, statefulset or daemonset; can wait for the end.',
      input: {
        namespace: namespaceArg,
        workload: boundedString(300, 'workload').describe('kind/name, e.g. "deployment/web"'),
        wait_seconds: z.number().int().min(0).max(600).default(0).describe('Seconds to wait for the end'),
        context: contextArg,
      },
      annotations: { title: 'Rollout status', ...readOnly },
      async handler(args, toolContext) {
        assertNamespaceAllowed(deps.config, args.namespace);
        const ref = parseWorkloadRef(args.workload);
        const kind = assertRollable(ref);
        const apis = await deps.kube.forContext(args.context);
        const read = () => readRollout(apis, args.namespace, kind, ref.name);
        const first = await read();
        const final =
          args.wait_seconds > 0 && first.status.state === 'progressing'
            ? await waitForRollout(read, args.wait_seconds, toolContext)
            : { read: first, waitedMs: 0 };
        return { text: statusText(kind, args.namespace, ref.name, apis, final) };
      },
    }),
    defineTool({
      name: 'get_rollout_history',
      description:
        "A deployment's revisions (kubectl rollout history): images and change-cause of each, which one is live. Use before rollback_deployment.",
      input: {
        namespace: namespaceArg,
        deployment_name: objectNameArg('deployment'),
        context: contextArg,
      },
      annotations: { title: 'Rollout history', ...readOnly },
      async handler(args, toolContext) {
        assertNamespaceAllowed(deps.config, args.namespace);
        const apis = await deps.kube.forContext(args.context);
        const deployment = await readDeployment(apis, args.namespace, args.deployment_name);
        const revisions = deploymentRevisions(
          deployment,
          await replicaSetsOf(apis, args.namespace, deployment),
        );
        const now = Date.now();
        const rows = revisions.map((item) =>
          [
            `${item.current ? '*' : ' '} rev ${item.revision}`,
            item.replicaSet,
            `${item.readyReplicas}/${item.replicas} ready`,
            item.created ? formatAge(new Date(item.created), new Date(now)) : '?',
            item.images.join(', '),
            item.changeCause ? `cause: ${item.changeCause}` : '',
          ]
            .filter(Boolean)
            .join('  '),
        );
        toolContext.logger.debug('rollout history', { revisions: revisions.length });
        return {
          text: [
            `Deployment ${args.namespace}/${args.deployment_name} (context ${apis.context}): ${revisions.length} revision(s), newest first; * is live.`,
            ...rows,
          ].join('\n'),
        };
      },
    }),
  ];
}

export async function waitForRollout(
  read: () => Promise<RolloutRead>,
  waitSeconds: number,
  toolContext: ToolContext,
): Promise<{ read: RolloutRead; waitedMs: number }> {
  const started = Date.now();
  // The wait was asked for: it may outlast the call's time limit; cancellation still ends it.
  return toolContext.waitOutsideDeadline(async () => {
    let latest = await read();
    while (latest.status.state === 'progressing' && Date.now() - started < waitSeconds * 1_000) {
      await toolContext.progress(
        Math.round((Date.now() - started) / 1_000),
        waitSeconds,
        latest.status.message,
      );
      await sleep(pollMs, toolContext.signal);
      latest = await read();
    }
    return { read: latest, waitedMs: Date.now() - started };
  });
}

function statusText(
  kind: RolloutKind,
  namespace: string,
  name: string,
  apis: KubeApis,
  final: { read: RolloutRead; waitedMs: number },
): string {
  const { status } = final.read;
  const waited = final.waitedMs > 0 ? ` after waiting ${Math.round(final.waitedMs / 1_000)}s` : '';
  const lines = [
    `${kind} ${namespace}/${name} (context ${apis.context}): ${status.state}${waited}. ${status.message}`,
  ];
  if (status.state === 'failed' && kind === 'Deployment') {
    lines.push(
      'Next: get_rollout_history to see what changed, diagnose_workload for why, rollback_deployment to undo.',
    );
  } else if (status.state === 'progressing') {
    lines.push('Next: call again with wait_seconds to wait, or diagnose_workload if it does not move.');
  }
  return lines.join('\n');
}
