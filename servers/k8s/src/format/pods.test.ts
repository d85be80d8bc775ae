import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { formatRestarts, podRow, podStatus } from './pods.js';

const now = new Date('2026-03-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

function pod(statuses: V1ContainerStatus[], extra: Partial<V1Pod> = {}, phase = 'Running'): V1Pod {
  return {
    metadata: { name: 'api-1', namespace: 'shop', creationTimestamp: ago(3_600 * 5) },
    spec: { containers: statuses.map((item) => ({ name: item.name })), nodeName: 'worker-1' },
    status: {
      phase,
      conditions: [{ type: 'Ready', status: statuses.every((item) => item.ready) ? 'True' : 'False' }],
      containerStatuses: statuses,
    },
    ...extra,
  };
}

const running = (name = 'app', ready = true): V1ContainerStatus => ({
  name,
  ready,
  restartCount: 0,
  image: 'app:1',
  imageID: '',
  state: { running: { startedAt: ago(3_600) } },
});

describe('podStatus (kubectl printPod rules)', () => {
  it('shows the waiting reason over the phase', () => {
    const crashing: V1ContainerStatus = {
      ...running(),
      ready: false,
      restartCount: 14,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(88) } },
    };
    expect(podStatus(pod([crashing]))).toBe('CrashLoopBackOff');
    expect(podStatus(pod([running('sidecar'), { ...crashing, name: 'app' }]))).toBe('CrashLoopBackOff');
  });

  it('shows terminated reasons, exit codes and signals', () => {
    const oom = { ...running(), ready: false, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } };
    expect(podStatus(pod([oom]))).toBe('OOMKilled');
    const bare = { ...running(), ready: false, state: { terminated: { exitCode: 3 } } };
    expect(podStatus(pod([bare]))).toBe('ExitCode:3');
    const signal = { ...running(), ready: false, state: { terminated: { exitCode: 0, signal: 9 } } };
    expect(podStatus(pod([signal]))).toBe('Signal:9');
  });

  it('shows Completed for a finished pod, but Running when a container still runs', () => {
    const done = { ...running(), ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    expect(podStatus(pod([done], {}, 'Succeeded'))).toBe('Completed');
    expect(podStatus(pod([done, running('sidecar')]))).toBe('NotReady');
  });

  it('shows init progress and init failures', () => {
    const init = (state: V1ContainerStatus['state']): V1Pod =>
      pod([{ ...running(), ready: false, state: { waiting: { reason: 'PodInitializing' } } }], {
        spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'migrate' }, { name: 'warm' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'migrate', ready: false, restartCount: 0, image: 'm', imageID: '', state },
          ],
        },
      });
    expect(podStatus(init({ running: {} }))).toBe('Init:0/2');
    expect(podStatus(init({ waiting: { reason: 'CrashLoopBackOff' } }))).toBe('Init:CrashLoopBackOff');
    expect(podStatus(init({ terminated: { exitCode: 1, reason: 'Error' } }))).toBe('Init:Error');
  });

  it('shows Terminating for a deleted pod and Pending without statuses', () => {
    expect(podStatus(pod([running()], { metadata: { name: 'x', deletionTimestamp: ago(10) } }))).toBe(
      'Terminating',
    );
    expect(podStatus({ status: { phase: 'Pending' } })).toBe('Pending');
    expect(podStatus({})).toBe('Unknown');
    expect(podStatus({ status: { phase: 'Failed', reason: 'Evicted' } })).toBe('Evicted');
  });
});

describe('podRow', () => {
  it('renders the kubectl columns with RESTARTS "(x ago)" and flags problems', () => {
    const crashing: V1ContainerStatus = {
      ...running(),
      ready: false,
      restartCount: 14,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: ago(88) } },
    };
    const row = podRow(pod([crashing, running('envoy')]), now);
    expect(row.cells).toEqual(['api-1', '1/2', 'CrashLoopBackOff', '14 (88s ago)', '5h', 'worker-1']);
    expect(row.problem).toBe('CrashLoopBackOff after OOMKilled');
    expect(row.severity).toBe(0);
    expect(row.namespace).toBe('shop');
  });

  it('treats healthy, completed and unschedulable pods as kubectl users would', () => {
    expect(podRow(pod([running()]), now).problem).toBeUndefined();
    const done = { ...running(), ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    expect(podRow(pod([done], {}, 'Succeeded'), now).problem).toBeUndefined();
    const unschedulable: V1Pod = {
      metadata: { name: 'big' },
      spec: { containers: [{ name: 'app' }] },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
      },
    };
    expect(podRow(unschedulable, now)).toMatchObject({
      cells: ['big', '0/1', 'Pending', '0', '<unknown>', '<none>'],
      problem: 'Unschedulable',
    });
    expect(podRow(pod([running('app', false)]), now).problem).toBe('not ready');
    const restarted = {
      ...running(),
      restartCount: 1,
      lastState: { terminated: { exitCode: 1, finishedAt: ago(600) } },
    };
    expect(podRow(pod([restarted]), now).problem).toBe('restarted in the last hour');
  });
});

describe('formatRestarts', () => {
  it('adds how long ago the last restart was, like kubectl', () => {
    expect(formatRestarts(0, undefined, now)).toBe('0');
    expect(formatRestarts(3, ago(42), now)).toBe('3 (42s ago)');
    expect(formatRestarts(3, ago(7_200), now)).toBe('3 (2h ago)');
    expect(formatRestarts(3, undefined, now)).toBe('3');
  });
});
