/**
 * A compact pod state ("CrashLoopBackOff") as the kubelet reports it: the container state, the pod
 * phase, and the events the kubelet or scheduler writes for it, with the real message wording.
 */
import type { ContainerState } from '../../../test/fakes/kube-apiserver/build.ts';
import type { EventInput } from '../../../test/fakes/kube-apiserver/fixtures-events.ts';
import type { PodSpec } from './types.ts';

export interface PodShape {
  state?: ContainerState;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** The scheduler's message when the pod was never placed. */
  unschedulable?: string;
  /** Placed on a node (false for an unschedulable pod). */
  scheduled: boolean;
  ready: boolean;
}

const MIN = 60;

export function podShape(spec: PodSpec, container: string, pod: string): PodShape {
  const restarts = spec.restarts ?? 0;
  const age = (spec.ageMinutes ?? defaultAgeMinutes(spec)) * MIN;
  const exitCode = spec.exitCode ?? 1;
  const last = (reason: string, code: number) => ({
    reason,
    exitCode: code,
    startedAgo: 95,
    finishedAgo: 80,
    ...(spec.message ? { message: spec.message } : {}),
  });
  switch (spec.state) {
    case 'Running':
      return {
        state: { running: { startedAgo: age - 20 }, ready: true, restarts },
        scheduled: true,
        ready: true,
      };
    case 'LivenessFailing':
      return {
        state: {
          running: { startedAgo: 240 },
          ready: true,
          restarts: restarts || 9,
          last: last('Error', 137),
        },
        scheduled: true,
        ready: true,
      };
    case 'NotReady':
      return {
        state: { running: { startedAgo: age - 20 }, ready: false, restarts },
        scheduled: true,
        ready: false,
      };
    case 'CrashLoopBackOff':
      return {
        state: {
          waiting: { reason: 'CrashLoopBackOff', message: backOffMessage(container, pod) },
          restarts: restarts || 7,
          last: last(spec.reason ?? 'Error', exitCode),
        },
        phase: 'Running',
        scheduled: true,
        ready: false,
      };
    case 'OOMKilled':
      return {
        state: {
          waiting: { reason: 'CrashLoopBackOff', message: backOffMessage(container, pod) },
          restarts: restarts || 5,
          last: last('OOMKilled', 137),
        },
        phase: 'Running',
        scheduled: true,
        ready: false,
      };
    case 'ImagePullBackOff':
    case 'ErrImagePull':
    case 'CreateContainerConfigError':
    case 'ContainerCreating':
      return {
        state: { waiting: { reason: spec.state, ...(spec.message ? { message: spec.message } : {}) } },
        phase: 'Pending',
        scheduled: true,
        ready: false,
      };
    case 'Pending':
      return {
        phase: 'Pending',
        unschedulable: spec.message ?? '0/3 nodes are available: 3 Insufficient cpu.',
        scheduled: false,
        ready: false,
      };
    case 'Completed':
      return {
        state: {
          terminated: { reason: 'Completed', exitCode: 0, startedAgo: age - 5, finishedAgo: age - 60 },
        },
        phase: 'Succeeded',
        scheduled: true,
        ready: false,
      };
    case 'Failed':
      return {
        state: {
          terminated: {
            reason: spec.reason ?? 'Error',
            exitCode,
            startedAgo: age - 5,
            finishedAgo: age - 40,
          },
          restarts,
        },
        phase: 'Failed',
        scheduled: true,
        ready: false,
      };
    case 'Evicted':
      return {
        state: {
          terminated: {
            reason: 'ContainerStatusUnknown',
            exitCode: 137,
            startedAgo: age - 5,
            finishedAgo: 1800,
          },
          restarts,
        },
        phase: 'Failed',
        scheduled: true,
        ready: false,
      };
    default:
      throw new Error(`unknown pod state "${(spec as PodSpec).state}"`);
  }
}

function defaultAgeMinutes(spec: PodSpec): number {
  return spec.state === 'Running' ? 60 * 24 * 3 : 42;
}

function backOffMessage(container: string, pod: string): string {
  return `back-off 5m0s restarting failed container=${container} pod=${pod}`;
}

export interface PodEventContext {
  namespace: string;
  pod: string;
  container: string;
  image: string;
  node: string | undefined;
  /** Readiness probe target, for the Unhealthy message. */
  probe: string;
}

/** The events a real cluster shows for a pod in this state. */
export function podEvents(spec: PodSpec, c: PodEventContext): EventInput[] {
  if (spec.quiet) return [];
  const on = {
    kind: 'Pod',
    namespace: c.namespace,
    name: c.pod,
    fieldPath: `spec.containers{${c.container}}`,
  };
  const kubelet = { namespace: c.namespace, component: 'kubelet', ...(c.node ? { host: c.node } : {}) };
  const warn = (
    reason: string,
    message: string,
    count: number,
    firstAgo = 2400,
    lastAgo = 30,
  ): EventInput => ({
    ...kubelet,
    involved: on,
    type: 'Warning',
    reason,
    message,
    count,
    firstAgo,
    lastAgo,
  });
  switch (spec.state) {
    case 'CrashLoopBackOff':
    case 'OOMKilled':
      return [
        warn(
          'BackOff',
          `Back-off restarting failed container ${c.container} in pod ${c.pod}_${c.namespace}`,
          40,
        ),
      ];
    case 'ImagePullBackOff':
    case 'ErrImagePull': {
      const why = spec.message ?? `failed to resolve reference "${c.image}": not found`;
      return [
        warn('Failed', `Failed to pull image "${c.image}": ${why}`, 9),
        warn('Failed', 'Error: ErrImagePull', 9),
        { ...warn('BackOff', `Back-off pulling image "${c.image}"`, 120), type: 'Normal' },
        warn('Failed', 'Error: ImagePullBackOff', 120),
      ];
    }
    case 'CreateContainerConfigError':
      return [warn('Failed', `Error: ${spec.message ?? 'configuration error'}`, 25)];
    case 'Pending':
      return [
        {
          namespace: c.namespace,
          involved: { kind: 'Pod', namespace: c.namespace, name: c.pod },
          type: 'Warning',
          reason: 'FailedScheduling',
          message: spec.message ?? '0/3 nodes are available: 3 Insufficient cpu.',
          component: 'default-scheduler',
          firstAgo: 2400,
          modern: true,
          series: { count: 14, lastAgo: 45 },
          action: 'Scheduling',
        },
      ];
    case 'Evicted':
      return [
        warn('Evicted', spec.message ?? 'The node was low on resource: ephemeral-storage.', 1, 1800, 1800),
      ];
    case 'LivenessFailing':
      return [
        warn(
          'Unhealthy',
          `Liveness probe failed: ${spec.message ?? `Get "${c.probe.replace('/ready', '/healthz')}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`}`,
          60,
        ),
        {
          ...warn('Killing', `Container ${c.container} failed liveness probe, will be restarted`, 20),
          type: 'Normal',
        },
      ];
    case 'NotReady':
      return [
        warn(
          'Unhealthy',
          `Readiness probe failed: ${spec.message ?? `Get "${c.probe}": connect: connection refused`}`,
          180,
        ),
      ];
    default:
      return [];
  }
}
