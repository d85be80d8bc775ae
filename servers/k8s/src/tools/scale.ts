import type { V1Deployment } from '@kubernetes/client-node';
import { defineTool, type ToolContext, ToolError, type ToolResult } from '@sre-agent/shared';
import { z } from 'zod';
import { contextArg, namespaceArg, objectNameArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { type ScalePlan, scaleOutcomeText, scalePreview } from '../format/scale.js';
import type { KubeApis } from '../kube-client.js';
import { statusCode, toKubeToolError } from '../kube-errors.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { auditedAttempt, confirmAndApply, type WriteAttempt } from '../write-gate.js';
import { autoscalersOf } from './autoscalers.js';
import { readDeployment } from './read-named.js';

export function scaleTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'scale_deployment',
      description: 'Set replicas after a human confirms. Audited.',
      input: {
        namespace: namespaceArg,
        deployment_name: objectNameArg('deployment'),
        replicas: z
          .number()
          .int('replicas must be a whole number')
          .min(0, 'replicas cannot be negative')
          // In the published schema too, so a client (the orchestrator) refuses 60 before asking a human.
          .max(
            deps.config.maxReplicas,
            `replicas is above this server's limit of ${deps.config.maxReplicas} (SRE_MAX_REPLICAS); pick a value from 0 to ${deps.config.maxReplicas}, or have the operator raise SRE_MAX_REPLICAS`,
          )
          .describe(`Desired pods, 0 to ${deps.config.maxReplicas}`),
        context: contextArg,
      },
      annotations: {
        title: 'Scale a deployment',
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: true,
      },
      handler: (args, toolContext) =>
        auditedAttempt(toolContext, args, targetOf(args), (attempt) =>
          scale(deps, args, toolContext, attempt),
        ),
    }),
  ];
}

interface ScaleArgs {
  namespace: string;
  deployment_name: string;
  replicas: number;
  context?: string | undefined;
}

function targetOf(args: ScaleArgs): string {
  return `deployment ${args.namespace}/${args.deployment_name}${args.context ? ` (context ${args.context})` : ''}`;
}

async function scale(
  deps: K8sToolDeps,
  args: ScaleArgs,
  toolContext: ToolContext,
  attempt: WriteAttempt,
): Promise<ToolResult> {
  const { namespace, deployment_name: name, replicas } = args;
  assertNamespaceAllowed(deps.config, namespace);
  assertWithinBounds(replicas, deps.config.maxReplicas);
  const apis = await deps.kube.forContext(args.context);
  attempt.target = `deployment ${namespace}/${name} (context ${apis.context})`;
  const [deployment, hpas] = await Promise.all([
    readDeployment(apis, namespace, name),
    autoscalersOf(apis, namespace, name),
  ]);
  const plan = { ...planFor(deployment, args, apis.context), ...hpas };
  attempt.before = plan.current;
  if (plan.current === replicas) {
    attempt.record({
      outcome: 'applied',
      after: plan.current,
      detail: 'no-op: already at the requested replica count',
    });
    return { text: scaleOutcomeText('unchanged', plan) };
  }
  return confirmAndApply(attempt, toolContext, {
    preview: scalePreview(plan),
    notDone: 'Not scaled',
    declinedText: scaleOutcomeText('declined', plan),
    stays: `${plan.namespace}/${plan.name} stays at ${plan.current}`,
    unchangedAfter: plan.current,
    apply: async (signal) => {
      const after = await patchReplicas(apis, namespace, name, { from: plan.current, to: replicas }, signal);
      return { after, text: scaleOutcomeText('applied', plan, after) };
    },
  });
}

function assertWithinBounds(replicas: number, maxReplicas: number): void {
  if (replicas <= maxReplicas) return;
  throw new ToolError(
    `replicas ${replicas} is above this server's limit of ${maxReplicas} (SRE_MAX_REPLICAS).`,
    `Pick a value from 0 to ${maxReplicas}, or have the operator raise SRE_MAX_REPLICAS.`,
  );
}

function planFor(deployment: V1Deployment, args: ScaleArgs, context: string): ScalePlan {
  return {
    namespace: args.namespace,
    name: args.deployment_name,
    context,
    // An unset spec.replicas means 1 to the API server.
    current: deployment.spec?.replicas ?? 1,
    target: args.replicas,
    readyNow: deployment.status?.readyReplicas ?? 0,
  };
}

/**
 * Writes through the scale subresource, which RBAC can grant without full deployment updates.
 * The human approved `from -> to`, perhaps minutes ago: if the count moved since (an HPA, a
 * colleague), the patch's `test` fails and nothing changes, rather than apply an unapproved jump.
 */
async function patchReplicas(
  apis: KubeApis,
  namespace: string,
  name: string,
  change: { from: number; to: number },
  signal: AbortSignal,
): Promise<number> {
  try {
    // JSON patch (the client's default content type). ScaleSpec.replicas is omitempty, so a
    // count of 0 reads as `spec: {}`; `add` fills it either way.
    const scale = await apis.apps.patchNamespacedDeploymentScale(
      {
        name,
        namespace,
        body: [
          { op: 'test', path: '/spec', value: change.from ? { replicas: change.from } : {} },
          { op: 'add', path: '/spec/replicas', value: change.to },
        ],
      },
      apis.abortOn(signal),
    );
    return scale.spec?.replicas ?? 0;
  } catch (error) {
    const why =
      statusCode(error) === 409
        ? '409 Conflict'
        : await movedSince(apis, namespace, name, change.from, error);
    if (why) {
      throw new ToolError(
        `Not scaled: deployment ${namespace}/${name} changed while the request was in flight (${why}). Nothing changed.`,
        'Read it again with get_deployment_details and retry if the change is still wanted.',
      );
    }
    throw toKubeToolError(error, { verb: 'patch', resource: 'deployments/scale', namespace, name }, apis);
  }
}

/**
 * A failed `test` gets the same generic 422 as any unappliable JSON patch, with no cause in the
 * reply; so on a 422, read the count again: if it moved, that is why.
 */
async function movedSince(
  apis: KubeApis,
  namespace: string,
  name: string,
  approved: number,
  error: unknown,
): Promise<string | undefined> {
  if (statusCode(error) !== 422) return undefined;
  const scale = await apis.apps.readNamespacedDeploymentScale({ name, namespace }).catch(() => undefined);
  const now = scale ? (scale.spec?.replicas ?? 0) : approved;
  return now === approved ? undefined : `now at ${now} replicas, not the ${approved} that was approved`;
}
