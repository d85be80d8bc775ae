// PGlite is one process's database: a second process opening the same data directory writes over the
// first one's pages and corrupts it. A lock file beside the directory (not inside it, which is PGlite's)
// records who holds it; a lock left by a process that died is taken over.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  readonly code = 'DATA_DIR_LOCKED';
}

export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

interface Holder {
  pid: number;
  hostname: string;
  startedAt: string;
}

// Paths this process holds: a second open from the same process is refused, while a file naming our pid
// that we do not hold is a previous incarnation's (containers reuse pid 1 on every start).
const held = new Map<string, Holder>();

/** Takes `<dataDir>.lock`, or throws DataDirLockedError naming the process that holds it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = `${dataDir}.lock`;
  const holding = held.get(path);
  if (holding) throw lockedError(dataDir, path, holding, `this same process (pid ${holding.pid})`);
  const me = self();
  // Twice at most: the second try follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o644 });
      held.set(path, me);
      return { path, release: () => release(path, me) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (holder && isAlive(holder)) throw lockedError(dataDir, path, holder, `pid ${holder.pid}`);
    await unlink(path).catch(() => undefined);
  }
  const racer = (await readHolder(path)) ?? me;
  throw lockedError(dataDir, path, racer, `pid ${racer.pid}, which started at the same time`);
}

async function release(path: string, me: Holder): Promise<void> {
  held.delete(path);
  // Only our own lock: had it been taken over (we were thought dead), the file is no longer ours.
  const holder = await readHolder(path);
  if (holder?.pid === me.pid && holder.startedAt === me.startedAt) await unlink(path).catch(() => undefined);
}

function self(): Holder {
  return { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
}

async function readHolder(path: string): Promise<Holder | undefined> {
  return parseHolder(await readFile(path, 'utf8').catch(() => ''));
}

// Anything unreadable (empty after a crash mid-write, hand-edited) counts as stale.
function parseHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    return Number.isInteger(value.pid) && typeof value.hostname === 'string'
      ? { pid: value.pid!, hostname: value.hostname, startedAt: String(value.startedAt ?? '') }
      : undefined;
  } catch {
    return undefined;
  }
}

// A process on another host (a container sharing the volume) cannot be checked: assume it is alive,
// since guessing wrong the other way is what corrupts the data.
function isAlive(holder: Holder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(dataDir: string, path: string, holder: Holder, who: string): DataDirLockedError {
  const where = holder.hostname === hostname() ? '' : ` on host ${holder.hostname}`;
  return new DataDirLockedError(
    `The PGlite data directory ${dataDir} is in use by ${who}${where} (since ${holder.startedAt}); ` +
      'two processes on one directory would corrupt it. Stop that process, or give this one its own ' +
      'directory or DATABASE_URL (memory: or a PostgreSQL server, which any number of processes can share). ' +
      `If no such process runs any more, delete ${path}.`,
  );
}
