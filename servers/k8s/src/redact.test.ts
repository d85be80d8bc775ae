import { describe, expect, it } from 'vitest';
import {
  isSecretLike,
  redactEnvVar,
  redactList,
  redactObject,
  redactSecretLookingFields,
  secretKeySizes,
} from './redact.js';

const marker = 'SHOULD-NEVER-LEAK';
const encoded = Buffer.from(marker).toString('base64');

const secret = {
  metadata: {
    name: 'db',
    namespace: 'payments',
    creationTimestamp: new Date('2024-01-01T00:00:00Z'),
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${encoded}"}}`,
      team: 'payments',
    },
    managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:data': {} } }],
  },
  type: 'Opaque',
  data: { password: encoded, user: Buffer.from('app').toString('base64') },
};

describe('redactObject', () => {
  it('keeps key names and decoded sizes of a Secret without kind, and nothing of its values', () => {
    const redacted = redactObject(secret);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(marker);
    expect(text).not.toContain(encoded);
    expect(redacted.data).toEqual({ password: '<redacted: 17 bytes>', user: '<redacted: 3 bytes>' });
    expect(redacted.metadata.annotations).toEqual({ team: 'payments' });
    expect(redacted.metadata).not.toHaveProperty('managedFields');
    expect(redacted.metadata.creationTimestamp).toBeInstanceOf(Date);
    expect(secret.data.password).toBe(encoded); // the input is untouched
  });

  it('redacts stringData and Secrets nested in lists and bundles', () => {
    const list = {
      kind: 'SecretList',
      items: [
        { ...secret, stringData: { token: marker } },
        { kind: 'Secret', data: { a: encoded } },
      ],
    };
    const text = JSON.stringify(redactObject({ bundle: [list] }));
    expect(text).not.toContain(marker);
    expect(text).not.toContain(encoded);
    expect(text).toContain('"token":"<redacted: 17 bytes>"');
  });

  it('leaves ConfigMaps and workloads alone apart from managedFields', () => {
    const configMap = { metadata: { name: 'cfg', managedFields: [{}] }, data: { 'app.yaml': 'port: 8080' } };
    const deployment = { kind: 'Deployment', type: 'x', data: { a: 'b' }, spec: { replicas: 2 } };
    expect(redactObject(configMap)).toEqual({
      metadata: { name: 'cfg' },
      data: { 'app.yaml': 'port: 8080' },
    });
    expect(redactList([deployment])).toEqual([deployment]);
    expect(isSecretLike(configMap)).toBe(false);
  });
});

describe('redactObject on objects that are not Secrets', () => {
  it('drops last-applied-configuration, which can keep a value since moved into a Secret', () => {
    // Applied with a literal password, later switched to secretKeyRef by `kubectl edit`: the
    // annotation still holds the old apply, password included.
    const applied = {
      spec: { template: { spec: { containers: [{ env: [{ name: 'DB_PASSWORD', value: marker }] }] } } },
    };
    const deployment = {
      kind: 'Deployment',
      metadata: {
        name: 'api',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied),
          team: 'a',
        },
      },
      spec: { replicas: 2 },
    };
    const redacted = redactObject(deployment);
    expect(JSON.stringify(redacted)).not.toContain(marker);
    expect(redacted.metadata.annotations).toEqual({ team: 'a' });
    expect(redacted.spec).toEqual({ replicas: 2 });
  });
});

describe('secretKeySizes', () => {
  it('sorts keys and reports decoded bytes', () => {
    expect(secretKeySizes(secret)).toEqual([
      { key: 'password', bytes: 17 },
      { key: 'user', bytes: 3 },
    ]);
    expect(secretKeySizes({})).toEqual([]);
  });
});

describe('redactSecretLookingFields and redactEnvVar', () => {
  const canary = 'CANARY-Pa55w0rd-XYZ';

  it('masks secret-looking env values in every container list of any object, and leaves the rest', () => {
    const container = (name: string) => ({
      name,
      env: [
        { name: 'DB_PASSWORD', value: canary },
        { name: 'DATABASE_URL', value: `postgres://app:${canary}@db:5432/ledger` },
        { name: 'LOG_LEVEL', value: 'debug' },
        { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
      ],
    });
    const cronJob = {
      kind: 'CronJob',
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: { initContainers: [container('init')], containers: [container('main')] },
            },
          },
        },
      },
    };
    const redacted = redactSecretLookingFields(cronJob);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(canary);
    const env = redacted.spec.jobTemplate.spec.template.spec.initContainers[0]?.env;
    expect(env).toEqual([
      { name: 'DB_PASSWORD', value: '<masked: secret-looking name, 19 chars>' },
      { name: 'DATABASE_URL', value: 'postgres://app:<masked: password in URL, 19 chars>@db:5432/ledger' },
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
    ]);
    expect(cronJob.spec.jobTemplate.spec.template.spec.containers[0]?.env[0]?.value).toBe(canary);
  });

  it('masks strings under secret-looking keys, flag arguments and shaped annotation values', () => {
    const custom = {
      kind: 'Database',
      metadata: {
        name: 'ledger',
        annotations: { 'example.com/dsn': `mysql://root:${canary}@db`, team: 'payments' },
      },
      spec: {
        password: canary,
        tokens: [canary],
        tls: { secretName: 'ledger-tls' },
        args: ['--db-token', canary, '--verbose', 'true', `--api-key=${canary}`],
        replicas: 3,
      },
    };
    const redacted = redactObject(custom);
    expect(JSON.stringify(redacted)).not.toContain(canary);
    expect(redacted.spec.tls.secretName).toBe('ledger-tls');
    expect(redacted.spec.args).toEqual([
      '--db-token',
      '<masked: secret-looking name, 19 chars>',
      '--verbose',
      'true',
      '--api-key=<masked: secret-looking name, 19 chars>',
    ]);
    expect(redacted.metadata.annotations.team).toBe('payments');
    expect(redacted.spec.replicas).toBe(3);
  });

  it('masks one env var for a text formatter, keeping what is not a secret', () => {
    expect(redactEnvVar({ name: 'GITHUB_TOKEN', value: canary })).toEqual({
      name: 'GITHUB_TOKEN',
      value: '<masked: secret-looking name, 19 chars>',
    });
    const reference = { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } };
    expect(redactEnvVar(reference)).toBe(reference);
    expect(redactEnvVar({ name: 'PORT', value: '8080' })).toEqual({ name: 'PORT', value: '8080' });
  });
});

describe('redactObject on keys named like Object.prototype', () => {
  it('keeps a __proto__ field of a custom resource as a field, masked like any other', () => {
    const custom = JSON.parse(
      '{"kind":"Widget","metadata":{"name":"w"},"spec":{"__proto__":{"password":"hunter2-canary"},"constructor":"x"}}',
    ) as Record<string, unknown>;
    const text = JSON.stringify(redactObject(custom));
    expect(text).toContain('"__proto__":{"password":"<masked: secret-looking name, 14 chars>"}');
    expect(text).toContain('"constructor":"x"');
    expect(text).not.toContain('hunter2-canary');
  });
});
