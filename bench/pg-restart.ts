// PostgreSQL restarted under load: 20 sessions run turns through the orchestrator (scripted model, real
// PostgreSQL store) while `pg_ctlcluster <version> main restart` runs. Prints how long the outage was,
// how requests failed during it (status, how fast), how long service took to come back, and whether
// every event acknowledged before (a 200 that returned it) is still stored after.
//
// It restarts the machine's PostgreSQL, which every test shares: run it alone, never from `npm test`.
//   npm run build && node bench/pg-restart.ts        (or: npm run bench -- pg-restart)
// PostgreSQL is started again whatever happens (an error, Ctrl-C).
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { APP_NAME } from '@sre-agent/orchestrator';
import pg from 'pg';
import { defaultAdminUrl } from '../test/orchestrator-postgres.ts';
import { type RunOutcome, startScriptedOrchestrator } from './scripted-orchestrator.ts';
import { percentile, round } from './stats.ts';

const SESSIONS = 20;
const BEFORE_MS = 5_000;
const AFTER_MS = 10_000;
/** Past this, the service did not come back by itself: the bench stops and says so. */
const GIVE_UP_MS = 60_000;

export interface PgRestartResult {
  restartCommandMs: number;
  /** From the first refused turn to the first new turn served. */
  outageMs: number;
  firstRefusalAfterRestartMs: number;
  /** From `pg_ctlcluster restart` returning to the first new turn served (negative: served before it returned). */
  recoveryAfterRestartMs: number;
  runs: number;
  ok: number;
  byStatus: Record<string, number>;
  failedP50Ms: number;
  failedMaxMs: number;
  acknowledgedEvents: number;
  missingEvents: number;
  errors: string[];
}

const version = (): string => {
  const versions = readdirSync('/etc/postgresql');
  if (versions.length !== 1)
    throw new Error(`expected one PostgreSQL version in /etc/postgresql, found ${versions}`);
  return versions[0]!;
};

const pgctl = (action: string) => ['--skip-systemctl-redirect', version(), 'main', action];

/** Asynchronous: the orchestrator under test runs in this process and must keep running meanwhile. */
const restart = () => promisify(execFile)('pg_ctlcluster', pgctl('restart'), { timeout: 120_000 });

/** Synchronous, for the exit paths (a signal handler cannot wait). */
const ctl = (action: 'start' | 'status') =>
  execFileSync('pg_ctlcluster', pgctl(action), {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  }).toString();

/** Starts PostgreSQL if it is not running: the last word of every path out of this script. */
function ensureRunning(): void {
  try {
    ctl('status');
  } catch {
    try {
      ctl('start');
      console.error('pg-restart: PostgreSQL was down and has been started again');
    } catch (error) {
      console.error(`pg-restart: COULD NOT START PostgreSQL: ${String(error)}`);
    }
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

type Timed = RunOutcome & { at: number; sessionId: string; userId: string };

export async function run(): Promise<PgRestartResult> {
  const onSignal = () => {
    ensureRunning();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await measure();
  } finally {
    ensureRunning();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function measure(): Promise<PgRestartResult> {
  const adminUrl = process.env.SRE_BENCH_POSTGRES_URL ?? defaultAdminUrl;
  // A short wait, so a request that finds the database gone is refused in about a second.
  const orchestrator = await startScriptedOrchestrator({ adminUrl, sessions: SESSIONS, waitMs: 1_000 });
  const t0 = performance.now();
  const outcomes: Timed[] = [];
  let stopAt = Number.POSITIVE_INFINITY;
  try {
    const sessions = await Promise.all(
      Array.from({ length: SESSIONS }, (_, i) =>
        orchestrator.store.createSession({ appName: APP_NAME, userId: `user-${i}` }),
      ),
    );
    const loops = sessions.map(async (session) => {
      while (performance.now() - t0 < stopAt) {
        const outcome = await orchestrator.run(session.userId, session.id);
        outcomes.push({
          ...outcome,
          at: performance.now() - t0,
          sessionId: session.id,
          userId: session.userId,
        });
        // A refused turn retries after a pause, as a client honouring Retry-After would (shortened).
        if (!outcome.ok) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, BEFORE_MS));
    const restartAt = performance.now() - t0;
    await restart();
    const restartedAt = performance.now() - t0;
    // The outage runs from the first turn refused after the restart was issued to the first turn that
    // started after that refusal and succeeded: the window in which nothing new could be done.
    const down = () => outcomes.find((o) => !o.ok && o.at > restartAt)?.at;
    let backAt: number | undefined;
    while (backAt === undefined && performance.now() - t0 < restartedAt + GIVE_UP_MS) {
      const downAt = down();
      backAt = downAt === undefined ? undefined : outcomes.find((o) => o.ok && o.at - o.ms > downAt)?.at;
      if (backAt === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stopAt = (backAt ?? performance.now() - t0) + AFTER_MS;
    await Promise.all(loops);
    if (!(await reachable(adminUrl))) throw new Error('PostgreSQL is not reachable after the restart');
    return await report(orchestrator, outcomes, { restartAt, restartedAt, downAt: down(), backAt });
  } finally {
    await orchestrator.close();
  }
}

async function report(
  orchestrator: Awaited<ReturnType<typeof startScriptedOrchestrator>>,
  outcomes: Timed[],
  times: { restartAt: number; restartedAt: number; downAt: number | undefined; backAt: number | undefined },
): Promise<PgRestartResult> {
  const { restartAt, restartedAt, downAt, backAt } = times;
  const failed = outcomes.filter((o) => !o.ok);
  const byStatus: Record<string, number> = {};
  for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  // Every event a 200 returned must be in the store now.
  let acknowledged = 0;
  let missing = 0;
  const bySession = new Map<string, { userId: string; ids: Set<string> }>();
  for (const o of outcomes.filter((x) => x.status === 200)) {
    const entry = bySession.get(o.sessionId) ?? { userId: o.userId, ids: new Set<string>() };
    for (const event of o.events) entry.ids.add(event.id);
    bySession.set(o.sessionId, entry);
  }
  for (const [sessionId, { userId, ids }] of bySession) {
    const session = await orchestrator.store.getSession({ appName: APP_NAME, userId, sessionId });
    const stored = new Set(session?.events.map((event) => event.id) ?? []);
    for (const id of ids) {
      acknowledged += 1;
      if (!stored.has(id)) missing += 1;
    }
  }
  const errors = [...new Set(failed.map((o) => `${o.status}: ${(o.error ?? '').slice(0, 160)}`))].slice(0, 8);
  const result: PgRestartResult = {
    restartCommandMs: Math.round(restartedAt - restartAt),
    outageMs: Math.round((backAt ?? Number.NaN) - (downAt ?? Number.NaN)),
    firstRefusalAfterRestartMs: Math.round((downAt ?? Number.NaN) - restartAt),
    recoveryAfterRestartMs: Math.round((backAt ?? Number.NaN) - restartedAt),
    runs: outcomes.length,
    ok: outcomes.length - failed.length,
    byStatus,
    failedP50Ms: round(
      percentile(
        failed.map((o) => o.ms),
        0.5,
      ),
    ),
    failedMaxMs: round(Math.max(0, ...failed.map((o) => o.ms))),
    acknowledgedEvents: acknowledged,
    missingEvents: missing,
    errors,
  };
  print(result);
  // PG_RESTART_TIMELINE=1: every turn that overlapped the outage, to see where time went.
  if (process.env.PG_RESTART_TIMELINE === '1') {
    for (const o of outcomes.filter(
      (x) => x.at > restartAt && x.at - x.ms < (backAt ?? Number.POSITIVE_INFINITY),
    ))
      console.log(
        `  ${Math.round(o.at - o.ms - restartAt)}..${Math.round(o.at - restartAt)} ms: ${o.status} ${o.ok ? 'ok' : (o.error ?? `${o.events.length} events`).slice(0, 120)}`,
      );
  }
  return result;
}

function print(r: PgRestartResult): void {
  console.log(
    `PostgreSQL restart under ${SESSIONS} sessions: restart command ${r.restartCommandMs} ms; first refusal ` +
      `${r.firstRefusalAfterRestartMs} ms after it was issued; outage (first refusal to first new turn served) ` +
      `${r.outageMs} ms; served again ${r.recoveryAfterRestartMs} ms after the command returned; ` +
      `${r.runs} turns, ${r.ok} ok, by status ${JSON.stringify(r.byStatus)}; failed turns answered in p50 ` +
      `${r.failedP50Ms} ms, max ${r.failedMaxMs} ms; acknowledged events ${r.acknowledgedEvents}, missing after ` +
      `${r.missingEvents}; no manual step`,
  );
  for (const error of r.errors) console.log(`  failure: ${error}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  if (result.missingEvents > 0 || Number.isNaN(result.outageMs) || (result.byStatus['500'] ?? 0) > 0)
    process.exitCode = 1;
}
