import { type Kysely, sql } from 'kysely';
import { withFullActions } from '../adk/event-actions.js';
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

/**
 * Appends an event and applies its state deltas in ONE statement, so it is one round trip and one implicit
 * transaction: the UPDATE checks the session exists and row-locks it, the upserts and the INSERT only run
 * for the row it returned. Resolves to false (nothing written) when there is no such session.
 */
export async function appendEventRow(
  db: Db,
  key: SessionKey,
  event: AdkEvent,
  deltas: { app: JsonObject; user: JsonObject; session: JsonObject },
): Promise<boolean> {
  const { appName, userId, sessionId } = key;
  const appDelta = Object.keys(deltas.app).length > 0 ? toJsonText(deltas.app) : null;
  const userDelta = Object.keys(deltas.user).length > 0 ? toJsonText(deltas.user) : null;
  const result = await sql<{ seq: string }>`
    with touched as (
      update sessions set state = state || ${toJsonText(deltas.session)}::jsonb, update_time = now()
      where app_name = ${appName} and user_id = ${userId} and id = ${sessionId}
      returning app_name
    ), app_delta as (
      insert into app_states (app_name, state)
      select app_name, ${appDelta}::jsonb from touched where ${appDelta}::jsonb is not null
      on conflict (app_name) do update set state = app_states.state || excluded.state, update_time = now()
    ), user_delta as (
      insert into user_states (app_name, user_id, state)
      select app_name, ${userId}, ${userDelta}::jsonb from touched where ${userDelta}::jsonb is not null
      on conflict (app_name, user_id) do update set state = user_states.state || excluded.state, update_time = now()
    )
    insert into events (id, app_name, user_id, session_id, invocation_id, author, timestamp, event)
    select ${event.id}, app_name, ${userId}, ${sessionId}, ${event.invocationId}, ${event.author},
      to_timestamp(${event.timestamp}::float8), ${toJsonText(event)}::jsonb
    from touched
    returning seq`.execute(db);
  return result.rows.length === 1;
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
  const events = rows.map((row) => withFullActions(row.event as AdkEvent));
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
      // Tool output may carry NUL, which a text column refuses as jsonb does; lose the audit line never.
      detail: entry.detail?.replaceAll('\u0000', '\uFFFD') ?? null,
    })
    .execute();
}

function sessionMatch(key: SessionKey) {
  return { app_name: key.appName, user_id: key.userId, id: key.sessionId };
}

function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' ? (value as JsonObject) : {};
}
