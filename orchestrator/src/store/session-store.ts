import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { withFullActions } from '../adk/event-actions.js';
import type { AdkEvent, JsonObject, Session, SessionKey, SessionStore } from '../adk/types.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { createArtifactStore } from './artifact-repository.js';
import { createClaimStore } from './claim-repository.js';
import { refuseWhileUnreachable, retryAfterSeconds } from './connection-lost.js';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { type DatabaseTarget, type OpenDatabaseOptions, openDatabase } from './open-database.js';
import type { SessionLock } from './session-lock.js';
import * as repo from './session-repository.js';
import { isEmpty, mergeState, splitStateDelta, withoutTempState } from './state.js';

export interface SessionStoreDeps {
  db: Kysely<Database>;
  lock: SessionLock;
  close: () => Promise<void>;
}

/** Opens the database, brings its schema up to date and returns the store over it. */
export async function openSessionStore(
  target: DatabaseTarget,
  options: OpenDatabaseOptions = {},
): Promise<SessionStore> {
  const handle = await openDatabase(target, options);
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return createSessionStore(handle);
}

export function createSessionStore(deps: SessionStoreDeps): SessionStore {
  const store = storeOver(deps);
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A) =>
      refuseWhileUnreachable(() => call(...args), retryAfterSeconds);
  // Every call but the turn's lock, whose body is the turn itself (the lock maps its own failures).
  return {
    ...store,
    createSession: guard(store.createSession),
    getSession: guard(store.getSession),
    listSessions: guard(store.listSessions),
    deleteSession: guard(store.deleteSession),
    updateSessionState: guard(store.updateSessionState),
    appendEvent: guard(store.appendEvent),
    recordAudit: guard(store.recordAudit),
    ping: guard(store.ping),
    claims: { claim: guard(store.claims.claim) },
  };
}

function storeOver({ db, lock, close }: SessionStoreDeps): SessionStore {
  return {
    createSession: (input) => createSession(db, input),
    getSession: (key, options) => getSession(db, key, options),
    listSessions: async (appName, userId) =>
      (await repo.listSessions(db, appName, userId)).map((record) => toSession(record, [])),
    deleteSession: (key) => repo.deleteSession(db, key),
    updateSessionState: async (key, stateDelta) => {
      // As ADK's PATCH route does: the change is recorded as an event, so the history explains the state.
      const event: AdkEvent = {
        id: randomUUID(),
        invocationId: `p-${randomUUID()}`,
        author: 'user',
        timestamp: Date.now() / 1000,
        actions: { stateDelta, artifactDelta: {} },
      };
      await appendEvent(db, key, event);
      const session = await getSession(db, key);
      if (session === undefined) throw sessionNotFound(key);
      return session;
    },
    appendEvent: (key, event) => appendEvent(db, key, event),
    withSessionLock: lock,
    recordAudit: (entry) => repo.insertAudit(db, entry),
    artifacts: createArtifactStore(db),
    claims: createClaimStore(db),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close,
  };
}

async function createSession(
  db: Kysely<Database>,
  input: { appName: string; userId: string; sessionId?: string; state?: JsonObject },
): Promise<Session> {
  const key: SessionKey = {
    appName: input.appName,
    userId: input.userId,
    sessionId: input.sessionId?.trim() || randomUUID(),
  };
  const deltas = splitStateDelta(input.state ?? {});
  const record = await db.transaction().execute(async (trx) => {
    try {
      await repo.insertSession(trx, key, deltas.session);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`Session with id ${key.sessionId} already exists.`, { cause: error });
      }
      throw error;
    }
    if (!isEmpty(deltas.app)) await repo.mergeAppState(trx, key.appName, deltas.app);
    if (!isEmpty(deltas.user)) await repo.mergeUserState(trx, key.appName, key.userId, deltas.user);
    return repo.findSession(trx, key);
  });
  if (record === undefined) throw sessionNotFound(key);
  return toSession(record, []);
}

async function getSession(
  db: Kysely<Database>,
  key: SessionKey,
  options?: repo.EventFilter,
): Promise<Session | undefined> {
  const record = await repo.findSession(db, key);
  if (record === undefined) return undefined;
  return toSession(record, await repo.selectEvents(db, key, options));
}

async function appendEvent(db: Kysely<Database>, key: SessionKey, input: AdkEvent): Promise<AdkEvent> {
  // ADK never stores partial (streaming) events; the final event carries the whole text.
  if (input.partial === true) return input;
  // Stored as ADK serializes it, so what is read back equals what was appended.
  const event = withoutTempState(withFullActions(input));
  let appended: boolean;
  try {
    appended = await repo.appendEventRow(db, key, event, splitStateDelta(event.actions.stateDelta));
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`Event ${event.id} already exists in this session.`);
    throw error;
  }
  if (!appended) throw sessionNotFound(key);
  return event;
}

function toSession(record: repo.SessionRecord, events: AdkEvent[]): Session {
  return {
    id: record.id,
    appName: record.appName,
    userId: record.userId,
    state: mergeState(record.appState, record.userState, record.state),
    events,
    lastUpdateTime: record.lastUpdateTime,
  };
}

function sessionNotFound(key: SessionKey): NotFoundError {
  return new NotFoundError(`Session not found: ${key.sessionId}`);
}

// Both pg and PGlite surface the SQLSTATE as `code`.
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
