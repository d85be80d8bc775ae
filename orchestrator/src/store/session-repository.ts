import { type Kysely, sql } from 'kysely';
import type { AdkEvent, AuditEntry, JsonObject, SessionKey } from '../adk/types.js';
import type { Database } from './database.js';
import { toJsonText } from './json-text.js';

// Repository functions: plain queries, `db` first (a Kysely or a Transaction), no policy. The store composes
// them into transactions and owns the rules (prefixes, locking, errors).

type Db = Kysely<Database>;

export interface SessionRecord {
  appName: string;
  userId: string;
  id: string;
  /** Session keys only. */
  state: JsonObject;
  appState: JsonObject;
  userState: JsonObject;
  lastUpdateTime: number;
}

const epoch = (column: string) => sql<number>`extract(epoch from ${sql.ref(column)})::float8`;

export async function insertSession(db: Db, key: SessionKey, state: JsonObject): Promise<number> {
  const row = await db
    .insertInto('sessions')
    .values({ app_name: key.appName, user_id: key.userId, id: key.sessionId, state: toJsonText(state) })
    .returning(epoch('update_time').as('last_update_time'))
    .executeTakeFirstOrThrow();
  return row.last_update_time;
}

/** The session row with its app and user state, in one round trip. */
export async function findSession(db: Db, key: SessionKey): Promise<SessionRecord | undefined> {
  const rows = await selectSessions(db, key.appName, key.userId, key.sessionId);
  return rows[0];
}

export function listSessions(db: Db, appName: string, userId: string): Promise<SessionRecord[]> {
  return selectSessions(db, appName, userId);
}

async function selectSessions(
  db: Db,
  appName: string,
  userId: string,
  sessionId?: string,
): Promise<SessionRecord[]> {
  let query = db
    .selectFrom('sessions as s')
    .leftJoin('app_states as a', 'a.app_name', 's.app_name')
    .leftJoin('user_states as u', (join) =>
      join.onRef('u.app_name', '=', 's.app_name').onRef('u.user_id', '=', 's.user_id'),
    )
    .select(['s.id', 's.state', 'a.state as app_state', 'u.state as user_state'])
    .select(epoch('s.update_time').as('last_update_time'))
    .where('s.app_name', '=', appName)
    .where('s.user_id', '=', userId);
  query = sessionId === undefined ? query.orderBy('s.create_time') : query.where('s.id', '=', sessionId);
  const rows = await query.execute();
  return rows.map((row) => ({
    appName,
    userId,
    id: row.id,
    state: asObject(row.state),
    appState: asObject(row.app_state),
    userState: asObject(row.user_state),
    lastUpdateTime: row.last_update_time,
  }));
}

export async function deleteSession(db: Db, key: SessionKey): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.and(sessionMatch(key)))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Merges a delta into the session's own state and stamps the update time; `undefined` when there is no such
 * session. Inside a transaction the row lock also orders concurrent writers on one session.
 */
export async function updateSessionState(
  db: Db,
  key: SessionKey,
  delta: JsonObject,
): Promise<number | undefined> {
  const row = await db
    .updateTable('sessions')
    .set({ state: sql`state || ${toJsonText(delta)}::jsonb`, update_time: sql`now()` })
    .where((eb) => eb.and(sessionMatch(key)))
    .returning(epoch('update_time').as('last_update_time'))
    .executeTakeFirst();
  return row?.last_update_time;
}

export async function mergeAppState(db: Db, appName: string, delta: JsonObject): Promise<void> {
  await db
    .insertInto('app_states')
    .values({ app_name: appName, state: toJsonText(delta) })
    .onConflict((conflict) =>
      conflict.column('app_name').doUpdateSet({
        state: sql`app_states.state || excluded.state`,
        update_time: sql`now()`,
      }),
    )
    .execute();
}

export async function mergeUserState(
  db: Db,
  appName: string,
  userId: string,
  delta: JsonObject,
): Promise<void> {
  await db
    .insertInto('user_states')
    .values({ app_name: appName, user_id: userId, state: toJsonText(delta) })
    .onConflict((conflict) =>
      conflict.columns(['app_name', 'user_id']).doUpdateSet({
        state: sql`user_states.state || excluded.state`,
        update_time: sql`now()`,
      }),
    )
    .execute();
}

export async function insertEvent(db: Db, key: SessionKey, event: AdkEvent): Promise<void> {
  await db
    .insertInto('events')
    .values({
      id: event.id,
      app_name: key.appName,
      user_id: key.userId,
      session_id: key.sessionId,
      invocation_id: event.invocationId,
      author: event.author,
      // to_timestamp keeps microseconds; a JS Date would round the float seconds to milliseconds.
      timestamp: sql`to_timestamp(${event.timestamp}::float8)`,
      event: toJsonText(event),
    })
    .execute();
}

export interface EventFilter {
  /** Epoch seconds; events at or after it. */
  afterTimestamp?: number;
  /** Only the newest N, still returned oldest first. */
  numRecentEvents?: number;
}

export async function selectEvents(db: Db, key: SessionKey, filter: EventFilter = {}): Promise<AdkEvent[]> {
  const recent = filter.numRecentEvents !== undefined && filter.numRecentEvents > 0;
  let query = db
    .selectFrom('events')
    .select('event')
    .where('app_name', '=', key.appName)
    .where('user_id', '=', key.userId)
    .where('session_id', '=', key.sessionId)
    .orderBy('seq', recent ? 'desc' : 'asc');
  if (filter.afterTimestamp !== undefined) {
    query = query.where('timestamp', '>=', sql<Date>`to_timestamp(${filter.afterTimestamp}::float8)`);
  }
  if (recent) query = query.limit(filter.numRecentEvents!);
  const rows = await query.execute();
  const events = rows.map((row) => row.event as AdkEvent);
  return recent ? events.reverse() : events;
}

export async function insertAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      time: entry.time ?? new Date(),
      app_name: entry.appName,
      user_id: entry.userId,
      session_id: entry.sessionId,
      invocation_id: entry.invocationId,
      tool: entry.tool,
      args: toJsonText(entry.args),
      outcome: entry.outcome,
      detail: entry.detail ?? null,
    })
    .execute();
}

function sessionMatch(key: SessionKey) {
  return { app_name: key.appName, user_id: key.userId, id: key.sessionId };
}

function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' ? (value as JsonObject) : {};
}
