import type { V1Deployment } from '@kubernetes/client-node';
import { defineTool, type ToolContext, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { boundedString, contextArg, namespaceArg, objectNameArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { assertRollable, readRollout, replicaSetsOf } from '../rollout/read-rollout.js';
import {
  type DeploymentRevision,
  deploymentRevisions,
  imagesOf,
  revisionAnnotation,
} from '../rollout/revisions.js';
import { patchWorkload, restartPatch, rollbackPatch } from '../rollout/rollout-patches.js';
import { parseWorkloadRef } from '../workload-ref.js';
import { auditedAttempt, confirmAndApply } from '../write-gate.js';
import { readDeployment } from './read-named.js';
import { waitForRollout } from './rollouts.js';

const writeAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
} as const;

const waitArg = z.number().int().min(0).max(600).default(0).describe('Seconds to wait for the rollout');

export function rolloutWriteTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'restart_workload',
      description:
        'kubectl rollout restart of a deployment, statefulset or daemonset, after a human confirms. Audited.',
      input: {
        namespace: namespaceArg,
        workload: boundedString(300, 'workload').describe('kind/name, e.g. "deployment/web"'),
        wait_seconds: waitArg,
        context: contextArg,
      },
      annotations: { title: 'Restart a workload', ...writeAnnotations },
      handler: (args, toolContext) =>
        auditedAttempt(toolContext, args, args.workload, async (attempt) => {
          assertNamespaceAllowed(deps.config, args.namespace);
          const ref = parseWorkloadRef(args.workload);
          const kind = assertRollable(ref);
          const apis = await deps.kube.forContext(args.context);
          attempt.target = `${kind.toLowerCase()} ${args.namespace}/${ref.name} (context ${apis.context})`;
          const target = { kind, namespace: args.namespace, name: ref.name };
          const { object, status } = await readRollout(apis, args.namespace, kind, ref.name);
          attempt.before = { resourceVersion: object.metadata?.resourceVersion };
          const at = deps.now().toISOString();
          const patch = restartPatch(object, at);
          // The API server's own verdict before a human is asked: RBAC, admission and validation.
          await patchWorkload(apis, target, patch, true);
          const replicas = (object.spec as { replicas?: number } | undefined)?.replicas;
          const preview = [
            `Restart ${attempt.target}: every pod is replaced by its update strategy.`,
            replicas === 0 ? 'Warning: it has 0 replicas, so nothing will restart.' : '',
            status.state !== 'complete'
              ? `Warning: a rollout is already ${status.state}: ${status.message}`
              : '',
          ]
            .filter(Boolean)
            .join('\n');
          return confirmAndApply(attempt, toolContext, {
            preview,
            notDone: 'Not restarted',
            apply: async (signal) => {
              await patchWorkload(apis, target, patch, false, signal);
              const tail = await afterWait(args.wait_seconds, toolContext, () =>
                readRollout(apis, args.namespace, kind, ref.name),
              );
              return {
                after: { restartedAt: at },
                text: `Restarted ${kind} ${args.namespace}/${ref.name} (restartedAt ${at}).${tail}`,
              };
            },
          });
        }),
    }),
    defineTool({
      name: 'rollback_deployment',
      description:
        'kubectl rollout undo, to the previous revision or to_revision, after a human confirms the images. Audited.',
      input: {
        namespace: namespaceArg,
        deployment_name: objectNameArg('deployment'),
        to_revision: z
          .number()
          .int()
          .min(1)
          .max(2_147_483_647)
          .optional()
          .describe('From get_rollout_history'),
        wait_seconds: waitArg,
        context: contextArg,
      },
      annotations: { title: 'Roll back a deployment', ...writeAnnotations },
      handler: (args, toolContext) =>
        auditedAttempt(
          toolContext,
          args,
          `deployment ${args.namespace}/${args.deployment_name}`,
          async (attempt) => {
            const { namespace, deployment_name: name } = args;
            assertNamespaceAllowed(deps.config, namespace);
            const apis = await deps.kube.forContext(args.context);
            attempt.target = `deployment ${namespace}/${name} (context ${apis.context})`;
            const deployment = await readDeployment(apis, namespace, name);
            const from = imagesOf(deployment.spec?.template);
            attempt.before = {
              images: from,
              revision: deployment.metadata?.annotations?.[revisionAnnotation],
            };
            const revisions = deploymentRevisions(
              deployment,
              await replicaSetsOf(apis, namespace, deployment),
            );
            const chosen = chooseRevision(revisions, args.to_revision, `${namespace}/${name}`);
            const patch = rollbackPatch(deployment, chosen.template ?? {});
            const target = { kind: 'Deployment' as const, namespace, name };
            const dryRun = (await patchWorkload(apis, target, patch, true)) as V1Deployment;
            const to = imagesOf(dryRun.spec?.template);
            const preview = [
              `Roll back ${attempt.target} to revision ${chosen.revision} (ReplicaSet ${chosen.replicaSet}):`,
              `images now: ${from.join(', ')}`,
              `images after: ${to.join(', ')}`,
              chosen.changeCause ? `that revision's change-cause: ${chosen.changeCause}` : '',
            ]
              .filter(Boolean)
              .join('\n');
            return confirmAndApply(attempt, toolContext, {
              preview,
              notDone: 'Not rolled back',
              apply: async (signal) => {
                await patchWorkload(apis, target, patch, false, signal);
                const tail = await afterWait(args.wait_seconds, toolContext, () =>
                  readRollout(apis, namespace, 'Deployment', name),
                );
                return {
                  after: { images: to, revision: chosen.revision },
                  text: `Rolled back deployment ${namespace}/${name} to revision ${chosen.revision}: ${to.join(', ')}.${tail}`,
                };
              },
            });
          },
        ),
    }),
  ];
}

/** What to add to a change's answer: where the rollout got to, when the caller asked to wait. */
async function afterWait(
  waitSeconds: number,
  toolContext: ToolContext,
  read: () => ReturnType<typeof readRollout>,
): Promise<string> {
  if (waitSeconds === 0) return ' Follow it with get_rollout_status.';
  const { read: latest } = await waitForRollout(read, waitSeconds, toolContext);
  return ` Rollout ${latest.status.state}: ${latest.status.message}`;
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
