import type { V1ObjectMeta } from '@kubernetes/client-node';
import { defineTool } from '@sre-agent/shared';
import { contextArg, namespaceArg, objectNameArg, outputArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { formatPodDetails } from '../format/describe-pod.js';
import { sortNewestFirst } from '../format/events.js';
import type { KubeApis } from '../kube-client.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { redactList } from '../redact.js';
import { eventsAbout, readPod, typed } from './read-named.js';

export function podDetailsTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'get_pod_details',
      description: 'When a pod is in trouble: container states, exit codes, events.',
      input: {
        namespace: namespaceArg,
        pod_name: objectNameArg('pod'),
        output: outputArg,
        context: contextArg,
      },
      annotations: {
        title: 'Describe a pod',
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
      async handler({ namespace, pod_name: name, output, context }, toolContext) {
        assertNamespaceAllowed(deps.config, namespace);
        const apis = await deps.kube.forContext(context);
        const pod = await readPod(apis, namespace, name);
        const [owners, { events, note }] = await Promise.all([
          // JSON carries ownerReferences itself; walking the chain is for the text.
          output === 'json' ? [] : ownerChain(apis, namespace, pod.metadata),
          eventsAbout(apis, namespace, name),
        ]);
        if (output === 'json') {
          const objects = [
            typed(pod, 'Pod', 'v1'),
            ...sortNewestFirst(events).map((item) => typed(item, 'Event', 'v1')),
          ];
          return {
            json: redactList(objects),
            moreHint: 'Call get_events with involved_object for the events cut off.',
          };
        }
        const text = formatPodDetails({
          pod,
          owners,
          events,
          now: deps.now(),
          budgetBytes: toolContext.budgetBytes,
        });
        return {
          text: note ? `${text}\n${note}` : text,
          moreHint: 'Call get_events with involved_object for the full event history.',
        };
      },
    }),
  ];
}

/**
 * Pod -> ReplicaSet -> Deployment (or Job -> CronJob): the controllers that recreate the pod,
 * which is where a fix usually has to go. Stops quietly where it cannot read further.
 */
export async function ownerChain(
  apis: KubeApis,
  namespace: string,
  meta: V1ObjectMeta | undefined,
): Promise<string[]> {
  const chain: string[] = [];
  let current = controllerOf(meta);
  for (let depth = 0; current && depth < 4; depth++) {
    chain.push(`${current.kind}/${current.name}`);
    const { kind, name } = current;
    const next = await readOwnerMeta(apis, namespace, kind, name).catch(() => undefined);
    current = controllerOf(next);
  }
  return chain;
}

function controllerOf(meta: V1ObjectMeta | undefined) {
  const owners = meta?.ownerReferences ?? [];
  return owners.find((owner) => owner.controller) ?? owners[0];
}

async function readOwnerMeta(apis: KubeApis, namespace: string, kind: string, name: string) {
  if (kind === 'ReplicaSet') return (await apis.apps.readNamespacedReplicaSet({ name, namespace })).metadata;
  if (kind === 'Job') return (await apis.batch.readNamespacedJob({ name, namespace })).metadata;
  return undefined;
}
