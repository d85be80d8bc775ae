import { describe, expect, it } from 'vitest';
import { container, eventOn, podOf, webOwners } from '../test-pods.js';
import { snapshotOf } from '../test-snapshot.js';
import { configErrorAnalyzer, parseMissing } from './config-error.js';

const now = new Date('2026-03-01T12:00:00Z');
const waiting = (message: string) =>
  container('app', { state: { waiting: { reason: 'CreateContainerConfigError', message } } });

describe('config-error analyzer', () => {
  it('names the missing Secret key and relates the Secret', () => {
    const snapshot = snapshotOf({
      ...webOwners,
      pods: [podOf('web-5d9c7-a', [waiting("couldn't find key password in Secret shop/db-credentials")])],
    });
    const [finding] = configErrorAnalyzer.analyze(snapshot, now);
    expect(finding).toMatchObject({
      object: { kind: 'Deployment', name: 'web' },
      cause: 'MissingSecretKey',
      related: [{ kind: 'Secret', namespace: 'shop', name: 'db-credentials' }, { kind: 'Pod' }],
    });
    expect(finding?.summary).toMatch(/key password is missing from Secret db-credentials/);
  });

  it('reads every wording: missing ConfigMap, Secret, key, and a volume that cannot mount', () => {
    expect(parseMissing('configmap "app-config" not found')).toMatchObject({
      cause: 'MissingConfigMap',
      name: 'app-config',
    });
    expect(parseMissing('secret "tls" not found')).toMatchObject({ cause: 'MissingSecret', name: 'tls' });
    expect(parseMissing("couldn't find key LEVEL in ConfigMap shop/app-config")).toMatchObject({
      cause: 'MissingConfigKey',
      key: 'LEVEL',
    });
    const mounting = podOf('b', [container('app', { state: { waiting: { reason: 'ContainerCreating' } } })], {
      status: { phase: 'Pending' },
    });
    const events = [
      eventOn(
        'b',
        'FailedMount',
        'MountVolume.SetUp failed for volume "certs" : secret "tls" not found',
        now,
      ),
    ];
    const [finding] = configErrorAnalyzer.analyze(snapshotOf({ pods: [mounting], events }), now);
    // Its ReplicaSet is not in the snapshot, so the finding stops there.
    expect(finding).toMatchObject({
      object: { kind: 'ReplicaSet', name: 'web-5d9c7' },
      cause: 'MissingSecret',
    });
  });

  it('falls back to CreateContainerConfigError for other messages, and ignores healthy pods', () => {
    const other = podOf('c', [waiting('container has runAsNonRoot and image will run as root')]);
    expect(configErrorAnalyzer.analyze(snapshotOf({ pods: [other] }), now)[0]?.cause).toBe(
      'CreateContainerConfigError',
    );
    const fine = podOf('d', [container('app', { ready: true, state: { running: {} } })]);
    expect(configErrorAnalyzer.analyze(snapshotOf({ pods: [fine] }), now)).toEqual([]);
  });
});
