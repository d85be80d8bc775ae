import { containersOf, groupPodProblems, type PodProblem } from '../pod-findings.js';
import type { Analyzer } from '../snapshot.js';
import { evidenceLine, indexSnapshot, word } from '../snapshot-index.js';

const pullReasons = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);

/** Detail under ImagePullBackOff; auth first, because "pull access denied ... does not exist" is usually a login. */
export function classifyPullError(reason: string, messages: readonly string[]): string | undefined {
  if (reason === 'InvalidImageName') return 'InvalidImageName';
  const text = messages.join('\n');
  if (
    /unauthorized|authentication required|insufficient_scope|access denied|forbidden|\b40[13]\b|no basic auth/i.test(
      text,
    )
  )
    return 'RegistryAuth';
  if (/not found|manifest unknown|name unknown|does not exist|NotFound/i.test(text)) return 'ImageNotFound';
  if (
    /i\/o timeout|no such host|connection refused|dial tcp|tls handshake|deadline exceeded|network is unreachable|connection reset|EOF/i.test(
      text,
    )
  )
    return 'RegistryUnreachable';
  return undefined;
}

const meaning: Record<string, string> = {
  ImageNotFound: 'does not exist in the registry (typo in the name or tag, or not pushed)',
  RegistryAuth: 'is refused by the registry: credentials missing or wrong (imagePullSecrets)',
  RegistryUnreachable: 'cannot be fetched: the registry is unreachable from the node',
  InvalidImageName: 'is not a valid image reference',
};

const imageRef = /^[\w./:@-]{1,200}$/;

/** Containers waiting on an image pull; the registry's own message comes from the pod's events. */
export const imagePullAnalyzer: Analyzer = {
  name: 'image-pull',
  analyze(snapshot) {
    const index = indexSnapshot(snapshot);
    const problems: PodProblem[] = [];
    for (const pod of snapshot.pods) {
      const waiting = containersOf(pod).find(({ status }) =>
        pullReasons.has(status.state?.waiting?.reason ?? ''),
      );
      if (!waiting) continue;
      const { status, spec } = waiting;
      const namespace = pod.metadata?.namespace;
      const image = spec?.image ?? status.image ?? '';
      const events = index
        .eventsFor('Pod', namespace, pod.metadata?.name ?? '')
        // BackOff events repeat the waiting message; Failed ones carry the registry's answer.
        .filter(
          (event) =>
            event.type === 'Warning' && event.reason !== 'BackOff' && /pull|image/i.test(event.message ?? ''),
        )
        .map((event) => event.message ?? '');
      const waitingMessage = status.state?.waiting?.message ?? '';
      const reason = status.state?.waiting?.reason ?? '';
      const detail = classifyPullError(reason, [...events, waitingMessage]);
      const secrets = (pod.spec?.imagePullSecrets ?? []).flatMap((ref) => (ref.name ? [ref.name] : []));
      const shown = imageRef.test(image) ? `image ${image}` : 'the image';
      problems.push({
        pod,
        cause: 'ImagePullBackOff',
        ...(detail ? { detail } : {}),
        headline: `container ${status.name}: ${shown} ${meaning[detail ?? ''] ?? 'cannot be pulled'} (${word(reason)}).`,
        evidence: [`state.waiting: ${reason}: ${waitingMessage}`, ...events.slice(0, 2)].map((line) =>
          evidenceLine(line),
        ),
        next: nextStep(detail, secrets, `namespace=${namespace} pod_name=${pod.metadata?.name}`),
      });
    }
    return groupPodProblems(snapshot, problems);
  },
};

function nextStep(detail: string | undefined, secrets: string[], pod: string): string {
  if (detail === 'RegistryAuth')
    return `Check imagePullSecrets (${secrets.length > 0 ? secrets.join(', ') : 'none set'}) and the registry login; get_pod_details ${pod}.`;
  if (detail === 'RegistryUnreachable')
    return `Check the nodes reach the registry (DNS, egress, proxy, registry status); get_events ${pod.split(' ')[0]}.`;
  return "Check the image name and tag exist (crane ls / docker manifest inspect); fix the workload's image or roll back.";
}
