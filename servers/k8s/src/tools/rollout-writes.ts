import type { V1Deployment } from '@kubernetes/client-node';
import { defineTool, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { contextArg, namespaceArg, objectNameArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { assertRollable, readRollout, replicaSetsOf } from '../rollout/read-rollout.js';
import { type DeploymentRevision, deploymentRevisions, imagesOf } from '../rollout/revisions.js';
import { patchWorkload, restartPatch, rollbackPatch } from '../rollout/rollout-patches.js';
import { parseWorkloadRef } from '../workload-ref.js';
import { gatedWrite } from '../write-gate.js';
import { readDeployment } from './read-named.js';
import { waitForRollout } from './rollouts.js';

const writeAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
} as const;

const waitArg = z
  .number()
  .int()
  .min(0)
  .max(600)
  .default(0)
  .describe('After the change, wait up to this long for the rollout to finish (0: do not wait)');

export function rolloutWriteTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'restart_workload',
      description:
        'Rolling restart (kubectl rollout restart) of a deployment, statefulset or daemonset. A human must confirm; audited.',
      input: {
        namespace: namespaceArg,
        workload: z.string().max(300).describe('kind/name, e.g. "deployment/checkout"'),
        wait_seconds: waitArg,
        context: contextArg,
      },
      annotations: { title: 'Restart a workload', ...writeAnnotations },
      async handler(args, toolContext) {
        assertNamespaceAllowed(deps.config, args.namespace);
        const ref = parseWorkloadRef(args.workload);
        const kind = assertRollable(ref);
        const apis = await deps.kube.forContext(args.context);
        const target = { kind, namespace: args.namespace, name: ref.name };
        const { object, status } = await readRollout(apis, args.namespace, kind, ref.name);
        const at = deps.now().toISOString();
        const patch = restartPatch(object, at);
        // The API server's own verdict before a human is asked: RBAC, admission and validation.
        await patchWorkload(apis, target, patch, true);
        const replicas = (object.spec as { replicas?: number } | undefined)?.replicas;
        const preview = [
          `Restart ${kind.toLowerCase()} ${args.namespace}/${ref.name} (context ${apis.context}): every pod is replaced by its update strategy.`,
          replicas === 0 ? 'Warning: it has 0 replicas, so nothing will restart.' : '',
          status.state !== 'complete'
            ? `Warning: a rollout is already ${status.state}: ${status.message}`
            : '',
        ]
          .filter(Boolean)
          .join('\n');
        return gatedWrite(
          {
            target: `${kind.toLowerCase()} ${args.namespace}/${ref.name} (context ${apis.context})`,
            args: { ...args },
            before: { resourceVersion: object.metadata?.resourceVersion },
            preview,
            notDone: 'Not restarted',
            apply: async () => {
              await patchWorkload(apis, target, patch, false);
              const waited =
                args.wait_seconds > 0
                  ? await waitForRollout(
                      () => readRollout(apis, args.namespace, kind, ref.name),
                      args.wait_seconds,
                      toolContext,
                    )
                  : undefined;
              const tail = waited
                ? ` Rollout ${waited.read.status.state}: ${waited.read.status.message}`
                : ' Follow it with get_rollout_status.';
              return {
                after: { restartedAt: at },
                text: `Restarted ${kind} ${args.namespace}/${ref.name} (restartedAt ${at}).${tail}`,
              };
            },
          },
          toolContext,
        );
      },
    }),
    defineTool({
      name: 'rollback_deployment',
      description:
        'Roll a deployment back to an earlier revision (kubectl rollout undo), by default the previous one. The human sees which images go back and must confirm; audited.',
      input: {
        namespace: namespaceArg,
        deployment_name: objectNameArg('deployment'),
        to_revision: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('Revision from get_rollout_history (default: the previous)'),
        wait_seconds: waitArg,
        context: contextArg,
      },
      annotations: { title: 'Roll back a deployment', ...writeAnnotations },
      async handler(args, toolContext) {
        const { namespace, deployment_name: name } = args;
        assertNamespaceAllowed(deps.config, namespace);
        const apis = await deps.kube.forContext(args.context);
        const deployment = await readDeployment(apis, namespace, name);
        const revisions = deploymentRevisions(deployment, await replicaSetsOf(apis, namespace, deployment));
        const chosen = chooseRevision(revisions, args.to_revision, `${namespace}/${name}`);
        const patch = rollbackPatch(deployment, chosen.template ?? {});
        const target = { kind: 'Deployment' as const, namespace, name };
        const dryRun = (await patchWorkload(apis, target, patch, true)) as V1Deployment;
        const from = imagesOf(deployment.spec?.template);
        const to = imagesOf(dryRun.spec?.template);
        const preview = [
          `Roll back deployment ${namespace}/${name} (context ${apis.context}) to revision ${chosen.revision} (ReplicaSet ${chosen.replicaSet}):`,
          `images now: ${from.join(', ')}`,
          `images after: ${to.join(', ')}`,
          chosen.changeCause ? `that revision's change-cause: ${chosen.changeCause}` : '',
        ]
          .filter(Boolean)
          .join('\n');
        return gatedWrite(
          {
            target: `deployment ${namespace}/${name} (context ${apis.context})`,
            args: { ...args },
            before: {
              images: from,
              revision: deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'],
            },
            preview,
            notDone: 'Not rolled back',
            apply: async () => {
              await patchWorkload(apis, target, patch, false);
              const waited =
                args.wait_seconds > 0
                  ? await waitForRollout(
                      () => readRollout(apis, namespace, 'Deployment', name),
                      args.wait_seconds,
                      toolContext,
                    )
                  : undefined;
              const tail = waited
                ? ` Rollout ${waited.read.status.state}: ${waited.read.status.message}`
                : ' Follow it with get_rollout_status.';
              return {
                after: { images: to, revision: chosen.revision },
                text: `Rolled back deployment ${namespace}/${name} to revision ${chosen.revision}: ${to.join(', ')}.${tail}`,
              };
            },
          },
          toolContext,
        );
      },
    }),
  ];
}

function chooseRevision(
  revisions: DeploymentRevision[],
  wanted: number | undefined,
  where: string,
): DeploymentRevision {
  const live = revisions.find((item) => item.current);
  const known = revisions.map((item) => item.revision).join(', ') || 'none';
  const chosen =
    wanted === undefined
      ? revisions.find((item) => !item.current && (live === undefined || item.revision < live.revision))
      : revisions.find((item) => item.revision === wanted);
  if (!chosen) {
    throw new ToolError(
      wanted === undefined
        ? `Deployment ${where} has no earlier revision to roll back to (revisions kept: ${known}).`
        : `Deployment ${where} has no revision ${wanted} (revisions kept: ${known}).`,
      'Call get_rollout_history to see the revisions.',
    );
  }
  if (chosen.current) {
    throw new ToolError(
      `Revision ${chosen.revision} of ${where} is already live.`,
      'Pick another revision from get_rollout_history.',
    );
  }
  return chosen;
}
