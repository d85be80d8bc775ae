import { describe, expect, it } from 'vitest';
import { container, eventOn, podOf, webOwners } from '../test-pods.js';
import { snapshotOf } from '../test-snapshot.js';
import { classifyPullError, imagePullAnalyzer } from './image-pull.js';

const now = new Date('2026-03-01T12:00:00Z');
const pulling = container('app', {
  state: {
    waiting: {
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "registry.example.com/shop/web:1.2.3"',
    },
  },
});

describe('image-pull analyzer', () => {
  it('names the image and tells not-found from an auth failure, from the events', () => {
    const snapshot = snapshotOf({
      ...webOwners,
      pods: [podOf('web-5d9c7-a', [pulling])],
      events: [
        eventOn(
          'web-5d9c7-a',
          'Failed',
          'Failed to pull image "registry.example.com/shop/web:1.2.3": rpc error: code = NotFound desc = failed to resolve reference: not found',
          now,
        ),
        eventOn(
          'web-5d9c7-a',
          'BackOff',
          'Back-off pulling image "registry.example.com/shop/web:1.2.3"',
          now,
        ),
      ],
    });
    const [finding] = imagePullAnalyzer.analyze(snapshot, now);
    expect(finding).toMatchObject({
      object: { kind: 'Deployment', name: 'web' },
      cause: 'ImagePullBackOff',
      detail: 'ImageNotFound',
      severity: 'critical',
    });
    expect(finding?.summary).toMatch(
      /image registry\.example\.com\/shop\/web:1\.2\.3 does not exist in the registry/,
    );
    expect(finding?.evidence.join('\n')).toMatch(/code = NotFound/);
    // The kubelet's BackOff event repeats the waiting message: shown once.
    expect(finding?.evidence.filter((line) => line.includes('Back-off pulling'))).toHaveLength(1);
  });

  it('points an auth failure at imagePullSecrets and an unreachable registry at the network', () => {
    const auth = podOf('web-5d9c7-a', [pulling], {
      spec: { containers: [{ name: 'app' }], imagePullSecrets: [{ name: 'ecr-pull' }] },
    });
    const events = [eventOn('web-5d9c7-a', 'Failed', 'Failed to pull image: 401 Unauthorized', now)];
    const [denied] = imagePullAnalyzer.analyze(snapshotOf({ pods: [auth], events }), now);
    expect(denied).toMatchObject({ detail: 'RegistryAuth' });
    expect(denied?.next).toMatch(/^Check imagePullSecrets \(ecr-pull\)/);
    const offline = [
      eventOn(
        'web-5d9c7-a',
        'Failed',
        'Failed to pull image "registry.example.com/shop/web:1.2.3": dial tcp: lookup registry.example.com: no such host',
        now,
      ),
    ];
    const [unreachable] = imagePullAnalyzer.analyze(snapshotOf({ pods: [auth], events: offline }), now);
    expect(unreachable?.next).toMatch(/^Check the nodes reach the registry/);
  });

  it('classifies registry messages', () => {
    expect(
      classifyPullError('ErrImagePull', ['pull access denied, insufficient_scope: authorization failed']),
    ).toBe('RegistryAuth');
    expect(classifyPullError('ErrImagePull', ['401 Unauthorized'])).toBe('RegistryAuth');
    expect(classifyPullError('ErrImagePull', ['manifest unknown'])).toBe('ImageNotFound');
    expect(classifyPullError('ErrImagePull', ['dial tcp 10.0.0.1:443: i/o timeout'])).toBe(
      'RegistryUnreachable',
    );
    expect(classifyPullError('InvalidImageName', [])).toBe('InvalidImageName');
    expect(classifyPullError('ErrImagePull', ['something else'])).toBeUndefined();
  });

  it('says nothing about pods whose images were pulled', () => {
    const running = container('app', { ready: true, state: { running: {} } });
    expect(imagePullAnalyzer.analyze(snapshotOf({ pods: [podOf('a', [running])] }), now)).toEqual([]);
  });
});
