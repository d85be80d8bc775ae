import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';
import { openDatabase } from './open-database.js';

const root = mkdtempSync(join(tmpdir(), 'sre-lock-'));
let n = 0;
const newDir = () => join(root, `data-${++n}`);
const holderFile = (dir: string, holder: Record<string, unknown>) =>
  writeFileSync(`${dir}.lock`, JSON.stringify({ startedAt: '2026-01-01T00:00:00.000Z', ...holder }));
const lockPid = (dir: string) => (JSON.parse(readFileSync(`${dir}.lock`, 'utf8')) as { pid: number }).pid;

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A live process that is not this one, and the pid of one that has exited. */
async function otherPid(alive: boolean): Promise<number> {
  const child = spawn(process.execPath, ['-e', alive ? 'setInterval(() => {}, 1000)' : ''], {
    stdio: 'ignore',
  });
  if (alive) children.push(child);
  else await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('lockDataDir', () => {
  it('writes our pid beside the directory, refuses a second open, and removes the file on release', async () => {
    const dir = newDir();
    const lock = await lockDataDir(dir);
    expect(lock.path).toBe(`${dir}.lock`);
    expect(lockPid(dir)).toBe(process.pid);
    await expect(lockDataDir(dir)).rejects.toThrow(`in use by this same process (pid ${process.pid})`);
    await lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    await (await lockDataDir(dir)).release();
  });

  it('refuses a directory a live process holds, naming it and the way out', async () => {
    const dir = newDir();
    const pid = await otherPid(true);
    holderFile(dir, { pid, hostname: hostname() });
    const error = await lockDataDir(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toMatch(
      new RegExp(`${dir}.* in use by pid ${pid} .*corrupt.*DATABASE_URL.*delete ${dir}\\.lock`),
    );
    expect(lockPid(dir)).toBe(pid);
  });

  it.each([
    ['a dead pid', async () => ({ pid: await otherPid(false), hostname: hostname() })],
    // A container restarted on the same volume is pid 1 again: that file is its previous life's.
    ['our own pid from a previous run', async () => ({ pid: process.pid, hostname: hostname() })],
    ['an unreadable file', async () => ({ garbage: true })],
  ])('takes over a stale lock left by %s', async (_, holder) => {
    const dir = newDir();
    holderFile(dir, await holder());
    const lock = await lockDataDir(dir);
    expect(lockPid(dir)).toBe(process.pid);
    await lock.release();
  });

  it('refuses a lock from another host, which it cannot check', async () => {
    const dir = newDir();
    holderFile(dir, { pid: 1, hostname: 'some-other-host' });
    await expect(lockDataDir(dir)).rejects.toThrow(/in use by pid 1 on host some-other-host/);
  });

  it('leaves alone a lock that is no longer its own', async () => {
    const dir = newDir();
    const lock = await lockDataDir(dir);
    const pid = await otherPid(true);
    holderFile(dir, { pid, hostname: hostname() });
    await lock.release();
    expect(lockPid(dir)).toBe(pid);
  });
});

describe('openDatabase on a PGlite directory', () => {
  it('holds the lock while open and frees it on close', async () => {
    const dataDir = newDir();
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  });
});
