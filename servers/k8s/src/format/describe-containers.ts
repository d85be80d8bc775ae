import type {
  V1Container,
  V1ContainerState,
  V1ContainerStatus,
  V1EnvFromSource,
  V1EnvVar,
  V1Probe,
  V1ResourceRequirements,
} from '@kubernetes/client-node';
import { formatAge, truncateCodePoints } from '@sre-agent/shared';
import { maskNamedValue, maskSecretShapes, redactSecretLookingFields } from '../redact.js';

/**
 * Free text from the cluster (env values, state and termination messages) collected while
 * describing, so the caller can fence it in one block instead of interleaving it with facts.
 */
export type UntrustedNotes = string[];

const noteLimit = 400;

/**
 * Secret shapes are masked here, before the text is flattened and cut: a termination message is
 * often an app's last words, connection string with password included.
 */
export function addNote(notes: UntrustedNotes, label: string, text: string | undefined): void {
  if (!text) return;
  const flat = maskSecretShapes(text).replace(/\s+/g, ' ').trim();
  notes.push(`${label}: ${flat.length > noteLimit ? truncateCodePoints(flat, noteLimit - 1, '…') : flat}`);
}

// Reasons are CamelCase identifiers by convention; anything odd is shown only inside the fence.
const plainWord = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

export function safeReason(reason: string | undefined, fallback = '(see cluster text)'): string {
  if (!reason) return '';
  return plainWord.test(reason) ? reason : fallback;
}

export interface ContainerView {
  spec: V1Container;
  status: V1ContainerStatus | undefined;
  init: boolean;
  /** Added by `kubectl debug`: it has env and a command like any other, so it is described too. */
  ephemeral?: boolean;
  /** A pod template's container: it has no state to show. */
  template?: boolean;
}

/** The lines `kubectl describe` gives one container, minus the noise. */
export function describeContainer(view: ContainerView, now: Date, notes: UntrustedNotes): string[] {
  const { spec, status } = view;
  const kind = view.init ? 'init' : view.ephemeral ? 'ephemeral' : '';
  const label = `${kind ? `${kind} container` : 'container'} ${spec.name}`;
  const lines = [`  ${spec.name}${kind ? ` (${kind})` : ''}: ${spec.image ?? '(no image)'}`];
  if (status) {
    lines.push(`    State: ${describeState(status.state, now, notes, `${label} state`)}`);
    const last = status.lastState?.terminated;
    if (last) {
      lines.push(
        `    Last termination: ${describeState({ terminated: last }, now, notes, `${label} last termination`)}`,
      );
    }
    lines.push(`    Ready: ${status.ready ? 'yes' : 'no'}, restarts: ${status.restartCount ?? 0}`);
  } else if (!view.template) lines.push('    State: (no status yet)');
  const ports = (spec.ports ?? []).map(
    (port) => `${port.containerPort}/${port.protocol ?? 'TCP'}${port.name ? ` (${port.name})` : ''}`,
  );
  if (ports.length > 0) lines.push(`    Ports: ${ports.join(', ')}`);
  lines.push(`    Resources: ${describeResources(spec.resources)}`);
  for (const [name, probe] of [
    ['Startup', spec.startupProbe],
    ['Liveness', spec.livenessProbe],
    ['Readiness', spec.readinessProbe],
  ] as const) {
    if (probe) lines.push(`    ${name}: ${describeProbe(probe)}`);
  }
  lines.push(...describeEnv(spec.env, spec.envFrom, notes, label));
  return lines;
}

export function describeState(
  state: V1ContainerState | undefined,
  now: Date,
  notes: UntrustedNotes,
  noteLabel: string,
): string {
  if (state?.running) return `Running, started ${formatAge(state.running.startedAt, now)} ago`;
  if (state?.waiting) {
    addNote(notes, noteLabel, state.waiting.message);
    return `Waiting: ${safeReason(state.waiting.reason) || 'unknown reason'}`;
  }
  const terminated = state?.terminated;
  if (terminated) {
    addNote(notes, noteLabel, terminated.message);
    const signal = terminated.signal ? `, signal ${terminated.signal}` : '';
    const finished = terminated.finishedAt ? `, finished ${formatAge(terminated.finishedAt, now)} ago` : '';
    return `Terminated: ${safeReason(terminated.reason) || 'exited'}, exit code ${terminated.exitCode}${signal}${finished}`;
  }
  return 'unknown';
}

export function describeResources(resources: V1ResourceRequirements | undefined): string {
  const part = (label: string, values: Record<string, string> | undefined) => {
    const entries = Object.entries(values ?? {});
    return entries.length > 0 ? `${label} ${entries.map(([key, value]) => `${key}=${value}`).join(' ')}` : '';
  };
  const text = [part('requests', resources?.requests), part('limits', resources?.limits)]
    .filter(Boolean)
    .join('; ');
  return text || 'none set (BestEffort unless other containers set some)';
}

export function describeProbe(probe: V1Probe): string {
  const action = probe.httpGet
    ? `http-get ${(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://:${probe.httpGet.port}${probe.httpGet.path ?? '/'}`
    : probe.tcpSocket
      ? `tcp-socket :${probe.tcpSocket.port}`
      : probe.grpc
        ? `grpc :${probe.grpc.port}${probe.grpc.service ? ` ${probe.grpc.service}` : ''}`
        : probe.exec
          ? `exec [${truncateCodePoints(redactSecretLookingFields(probe.exec.command ?? []).join(' '), 120)}]`
          : 'unknown';
  return `${action} delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
}

/**
 * References are shown as references (`DB_PASSWORD <- secret db-credentials/password`) and never
 * resolved. A plain value under a secret-looking name is shown only as masked (our own words, so
 * among the facts); other plain values are data written by whoever deployed it, so they go to the
 * notes, with any secret-shaped part (a password in a URL, a token) masked first.
 */
export function describeEnv(
  env: readonly V1EnvVar[] | undefined,
  envFrom: readonly V1EnvFromSource[] | undefined,
  notes: UntrustedNotes,
  label: string,
): string[] {
  const lines: string[] = [];
  for (const source of envFrom ?? []) {
    const prefix = source.prefix ? ` (prefix ${source.prefix})` : '';
    if (source.secretRef) lines.push(`      * <- all keys of secret ${source.secretRef.name}${prefix}`);
    if (source.configMapRef)
      lines.push(`      * <- all keys of configmap ${source.configMapRef.name}${prefix}`);
  }
  let plain = 0;
  for (const variable of env ?? []) {
    const from = variable.valueFrom;
    if (from) {
      lines.push(`      ${variable.name} <- ${describeValueFrom(from)}`);
      continue;
    }
    const shown = maskNamedValue(variable.name, variable.value ?? '');
    if (shown.maskedBy === 'name') {
      lines.push(`      ${variable.name}=${shown.text}`);
      continue;
    }
    plain += 1;
    addNote(notes, `${label} env ${variable.name}`, shown.text || '(empty)');
  }
  if (plain > 0) lines.push(`      (${plain} plain value(s): in the cluster text below)`);
  return lines.length > 0 ? ['    Env:', ...lines] : [];
}

function describeValueFrom(from: NonNullable<V1EnvVar['valueFrom']>): string {
  if (from.secretKeyRef)
    return `secret ${from.secretKeyRef.name}/${from.secretKeyRef.key}${from.secretKeyRef.optional ? ' (optional)' : ''}`;
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}/${from.configMapKeyRef.key}`;
  if (from.fieldRef) return `field ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef)
    return `resource ${from.resourceFieldRef.resource}${from.resourceFieldRef.containerName ? ` of ${from.resourceFieldRef.containerName}` : ''}`;
  return 'another source';
}
