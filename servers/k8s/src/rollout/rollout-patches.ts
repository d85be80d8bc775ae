import type { V1DaemonSet, V1Deployment, V1PodTemplateSpec, V1StatefulSet } from '@kubernetes/client-node';
import { ToolError } from '@sre-agent/shared';
import type { KubeApis, Wire } from '../kube-client.js';
import { statusCode, toKubeToolError } from '../kube-errors.js';
import type { RolloutKind } from './read-rollout.js';

export const restartedAtAnnotation = 'kubectl.kubernetes.io/restartedAt';

/** A JSON patch operation (RFC 6902), the client's default patch content type. */
export type PatchOperation = { op: 'add' | 'replace' | 'test'; path: string; value: unknown };

/**
 * `kubectl rollout restart`: a new annotation on the pod template makes the controller replace
 * every pod by its own update strategy. The `test` on resourceVersion refuses the patch if the
 * object changed after the human saw the preview.
 */
export function restartPatch(
  object: { metadata?: { resourceVersion?: string }; spec?: { template?: Wire<V1PodTemplateSpec> } },
  at: string,
): PatchOperation[] {
  const annotations = object.spec?.template?.metadata?.annotations;
  return [
    { op: 'test', path: '/metadata/resourceVersion', value: object.metadata?.resourceVersion },
    annotations
      ? {
          op: 'add',
          path: `/spec/template/metadata/annotations/${escapePointer(restartedAtAnnotation)}`,
          value: at,
        }
      : { op: 'add', path: '/spec/template/metadata/annotations', value: { [restartedAtAnnotation]: at } },
  ];
}

/** `kubectl rollout undo`: the Deployment's template replaced by the one of an older ReplicaSet. */
export function rollbackPatch(deployment: V1Deployment, template: Wire<V1PodTemplateSpec>): PatchOperation[] {
  return [
    { op: 'test', path: '/metadata/resourceVersion', value: deployment.metadata?.resourceVersion },
    { op: 'replace', path: '/spec/template', value: withoutHashLabel(template) },
  ];
}

/** The ReplicaSet's template carries the controller's pod-template-hash label; the Deployment's must not. */
export function withoutHashLabel(template: Wire<V1PodTemplateSpec>): Wire<V1PodTemplateSpec> {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...template.metadata, labels } };
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Sends the patch, as a server-side dry run first when asked, mapping a lost race to a clear refusal. */
export async function patchWorkload(
  apis: KubeApis,
  target: { kind: RolloutKind; namespace: string; name: string },
  body: PatchOperation[],
  dryRun: boolean,
  /** The write's deadline: aborts the HTTP request, so a hung patch cannot land after the tool gave up. */
  signal?: AbortSignal,
): Promise<V1Deployment | V1StatefulSet | V1DaemonSet> {
  const options = signal ? apis.abortOn(signal) : undefined;
  const request = {
    name: target.name,
    namespace: target.namespace,
    body,
    ...(dryRun ? { dryRun: 'All' } : {}),
  };
  try {
    if (target.kind === 'Deployment') return await apis.apps.patchNamespacedDeployment(request, options);
    if (target.kind === 'StatefulSet') return await apis.apps.patchNamespacedStatefulSet(request, options);
    return await apis.apps.patchNamespacedDaemonSet(request, options);
  } catch (error) {
    const code = statusCode(error);
    // A failed `test` is the generic 422 of an unappliable patch; the resourceVersion is the only test here.
    if (code === 409 || code === 422) {
      throw new ToolError(
        `${target.kind} ${target.namespace}/${target.name} changed after it was read (HTTP ${code}). Nothing changed.`,
        'Read it again (get_rollout_status) and retry if the change is still wanted.',
      );
    }
    throw toKubeToolError(
      error,
      {
        verb: 'patch',
        resource: `${target.kind.toLowerCase()}s`,
        namespace: target.namespace,
        name: target.name,
      },
      apis,
    );
  }
}
