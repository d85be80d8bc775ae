import { describe, expect, it } from 'vitest';
import { createRoleCredentialCache, type TemporaryCredentials } from './role-credentials.js';

const role = { roleArn: 'arn:aws:iam::123456789012:role/r', externalId: undefined };
const HOUR = 3_600_000;

function setup() {
  let clock = 0;
  let calls = 0;
  let fail = false;
  const cache = createRoleCredentialCache({
    now: () => clock,
    async assume(): Promise<TemporaryCredentials> {
      calls += 1;
      if (fail) throw new Error('sts down');
      return {
        accessKeyId: `K${calls}`,
        secretAccessKey: 's',
        sessionToken: 't',
        expiration: new Date(clock + HOUR),
      };
    },
  });
  return {
    cache,
    calls: () => calls,
    advance: (ms: number) => {
      clock += ms;
    },
    setFail: (value: boolean) => {
      fail = value;
    },
  };
}

describe('createRoleCredentialCache', () => {
  it('reuses credentials until 5 minutes before they expire', async () => {
    const t = setup();
    expect((await t.cache.get('r', role)).accessKeyId).toBe('K1');
    t.advance(HOUR - 5 * 60_000 - 1);
    expect((await t.cache.get('r', role)).accessKeyId).toBe('K1');
    t.advance(2);
    expect((await t.cache.get('r', role)).accessKeyId).toBe('K2');
    expect(t.calls()).toBe(2);
  });

  it('shares one AssumeRole between concurrent callers', async () => {
    const t = setup();
    const all = await Promise.all([t.cache.get('r', role), t.cache.get('r', role), t.cache.get('r', role)]);
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(['K1']));
    expect(t.calls()).toBe(1);
  });

  it('does not cache a failure, and forgets on invalidate', async () => {
    const t = setup();
    t.setFail(true);
    await expect(t.cache.get('r', role)).rejects.toThrow('sts down');
    t.setFail(false);
    expect((await t.cache.get('r', role)).accessKeyId).toBe('K2');
    t.cache.invalidate('r');
    expect((await t.cache.get('r', role)).accessKeyId).toBe('K3');
  });

  it('keeps roles apart', async () => {
    const t = setup();
    await t.cache.get('a', role);
    await t.cache.get('b', role);
    await t.cache.get('a', role);
    expect(t.calls()).toBe(2);
  });
});
