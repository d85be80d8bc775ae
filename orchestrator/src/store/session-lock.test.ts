import { describe, expect, it } from 'vitest';
import { createKeyedMutex, lockName } from './session-lock.js';

const key = (sessionId: string) => ({ appName: 'sre_agent', userId: 'u', sessionId });
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createKeyedMutex', () => {
  it('runs holders of one key one at a time, in arrival order, and other keys alongside', async () => {
    const lock = createKeyedMutex();
    const log: string[] = [];
    const hold = (id: string, label: string) =>
      lock(key(id), async () => {
        log.push(`${label}+`);
        await tick();
        log.push(`${label}-`);
      });
    await Promise.all([hold('a', 'a1'), hold('a', 'a2'), hold('b', 'b1'), hold('a', 'a3')]);
    const onlyA = log.filter((entry) => entry.startsWith('a'));
    expect(onlyA).toEqual(['a1+', 'a1-', 'a2+', 'a2-', 'a3+', 'a3-']);
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
  });

  it('releases after a rejection', async () => {
    const lock = createKeyedMutex();
    await expect(lock(key('a'), () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock(key('a'), async () => 'ok')).toBe('ok');
  });

  it('names keys unambiguously', () => {
    expect(lockName({ appName: 'a:b', userId: 'c', sessionId: 'd' })).not.toBe(
      lockName({ appName: 'a', userId: 'b:c', sessionId: 'd' }),
    );
  });
});
