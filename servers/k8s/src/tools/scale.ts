import type { V1Deployment } from '@kubernetes/client-node';
import { defineTool, type ToolContext, ToolError, type ToolResult } from '@sre-agent/shared';
import { z } from 'zod';
import { contextArg, namespaceArg, objectNameArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { type ScalePlan, scaleOutcomeText, scalePreview } from '../format/scale.js';
import type { KubeApis } from '../kube-client.js';
import { statusCode, toKubeToolError } from '../kube-errors.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { autoscalersOf } from './autoscalers.js';
import { readDeployment } from './read-named.js';

export function scaleTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'scale_deployment',
      description:
        'Change the replica count of a deployment. A human is shown the change (current -> new) and must confirm it; nothing changes if they decline. Bounded by SRE_MAX_REPLICAS. Every attempt is audited.',
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
          .describe(
            `Desired number of pods, 0 to ${deps.config.maxReplicas} (0 stops the deployment; the upper bound is SRE_MAX_REPLICAS)`,
          ),
        context: contextArg,
      },
      annotations: {
        title: 'Scale a deployment',
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: true,
      },
      async handler(args, toolContext) {
        const audit = auditor(args, toolContext);
        try {
          return await scale(deps, args, toolContext, audit);
        } catch (error) {
          // Declines and refusals audit themselves; anything else that stopped the write lands here.
          if (!audit.done)
            audit.write({
              outcome: 'failed',
              detail: error instanceof Error ? error.message : String(error),
            });
          throw error;
        }
      },
    }),
  ];
}

interface ScaleArgs {
  namespace: string;
  deployment_name: string;
  replicas: number;
  context?: string | undefined;
}

type AuditFields = Pick<Parameters<ToolContext['audit']>[0], 'outcome' | 'before' | 'after' | 'detail'>;

/** Exactly one audit record per attempt, whatever path the attempt takes. */
function auditor(args: ScaleArgs, toolContext: ToolContext) {
  const state = {
    done: false,
    before: undefined as number | undefined,
    target: `deployment ${args.namespace}/${args.deployment_name}${args.context ? ` (context ${args.context})` : ''}`,
    write(fields: AuditFields) {
      if (state.done) return;
      state.done = true;
      toolContext.audit({ target: state.target, arguments: { ...args }, before: state.before, ...fields });
    },
  };
  return state;
}

async function scale(
  deps: K8sToolDeps,
  args: ScaleArgs,
  toolContext: ToolContext,
  audit: ReturnType<typeof auditor>,
): Promise<ToolResult> {
  const { namespace, deployment_name: name, replicas } = args;
  assertNamespaceAllowed(deps.config, namespace);
  assertWithinBounds(replicas, deps.config.maxReplicas);
  const apis = await deps.kube.forContext(args.context);
  audit.target = `deployment ${namespace}/${name} (context ${apis.context})`;
  const [deployment, hpas] = await Promise.all([
    readDeployment(apis, namespace, name),
    autoscalersOf(apis, namespace, name),
  ]);
  const plan = { ...planFor(deployment, args, apis.context), ...hpas };
  audit.before = plan.current;
  if (plan.current === replicas) {
    audit.write({
      outcome: 'applied',
      after: plan.current,
      detail: 'no-op: already at the requested replica count',
    });
    return { text: scaleOutcomeText('unchanged', plan) };
  }
  const answer = await toolContext.confirm(scalePreview(plan));
  if (answer === 'declined' || answer === 'unsupported') return refused(answer, plan, audit);
  const after = await patchReplicas(apis, namespace, name, { from: plan.current, to: replicas });
  const how =
    answer === 'confirmed' ? 'confirmed by the user' : 'confirmation disabled (SRE_CONFIRM_WRITES=false)';
  audit.write({ outcome: 'applied', after, detail: how });
  return { text: scaleOutcomeText('applied', plan, after) };
}

function assertWithinBounds(replicas: number, maxReplicas: number): void {
  if (replicas <= maxReplicas) return;
  throw new ToolError(
    `replicas ${replicas} is above this server's limit of ${maxReplicas} (SRE_MAX_REPLICAS).`,
    `Pick a value from 0 to ${maxReplicas}, or have the operator raise SRE_MAX_REPLICAS.`,
  );
}

/** A human said no (a normal answer), or no human could be asked (an error: the write is refused). */
function refused(
  answer: 'declined' | 'unsupported',
  plan: ScalePlan,
  audit: ReturnType<typeof auditor>,
): ToolResult {
  if (answer === 'declined') {
    audit.write({ outcome: 'declined', after: plan.current, detail: 'the user declined' });
    return { text: scaleOutcomeText('declined', plan) };
  }
  audit.write({
    outcome: 'unconfirmable',
    after: plan.current,
    detail: 'the client cannot ask a human (no MCP elicitation)',
  });
  throw new ToolError(
    `Not scaled: this MCP client cannot ask a human to confirm (it does not support elicitation), and writes need a confirmation. Nothing changed (${plan.namespace}/${plan.name} stays at ${plan.current}).`,
    'Use a client that supports elicitation, or have the operator set SRE_CONFIRM_WRITES=false to allow unconfirmed writes.',
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
): Promise<number> {
  try {
    // JSON patch (the client's default content type). ScaleSpec.replicas is omitempty, so a
    // count of 0 reads as `spec: {}`; `add` fills it either way.
    const scale = await apis.apps.patchNamespacedDeploymentScale({
      name,
      namespace,
      body: [
        { op: 'test', path: '/spec', value: change.from ? { replicas: change.from } : {} },
        { op: 'add', path: '/spec/replicas', value: change.to },
      ],
    });
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
