import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// JSON columns are written as JSON text (both pg and PGlite would otherwise turn a JS array into a
// Postgres array) and come back parsed by the driver.
type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** ADK's DatabaseSessionService layout: session rows hold only the session's own state, never events. */
export interface SessionsTable {
  app_name: string;
  user_id: string;
  id: string;
  state: Json;
  create_time: Timestamp;
  update_time: Timestamp;
}

/** One row per event, appended and never updated; `seq` gives a total order within a session. */
export interface EventsTable {
  seq: Generated<string>;
  id: string;
  app_name: string;
  user_id: string;
  session_id: string;
  invocation_id: string;
  author: string;
  timestamp: Timestamp;
  event: Json;
}

/** `app:` keys, stored without their prefix as ADK does. */
export interface AppStatesTable {
  app_name: string;
  state: Json;
  update_time: Timestamp;
}

/** `user:` keys, stored without their prefix. */
export interface UserStatesTable {
  app_name: string;
  user_id: string;
  state: Json;
  update_time: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  time: Timestamp;
  app_name: string;
  user_id: string;
  session_id: string;
  invocation_id: string;
  tool: string;
  args: Json;
  outcome: string;
  detail: string | null;
}

/** ADK artifacts: versioned bytes per session. */
export interface ArtifactsTable {
  app_name: string;
  user_id: string;
  session_id: string;
  filename: string;
  version: number;
  mime_type: string;
  data: Uint8Array;
  create_time: Timestamp;
}

/** Keys one replica acted on, so no other acts on them again until `expires_at`. */
export interface ClaimsTable {
  key: string;
  claimed_at: Timestamp;
  expires_at: Timestamp;
}

export interface Database {
  sessions: SessionsTable;
  events: EventsTable;
  app_states: AppStatesTable;
  user_states: UserStatesTable;
  audit_log: AuditLogTable;
  artifacts: ArtifactsTable;
  claims: ClaimsTable;
}

export type SessionRow = Selectable<SessionsTable>;
export type NewEventRow = Insertable<EventsTable>;
