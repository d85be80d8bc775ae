import type { AdkEvent, JsonObject } from '../adk/types.js';

// ADK's state prefixes: `app:` is shared by every session of the app, `user:` by every session of one user
// in the app, `temp:` lives only for the current invocation and is never stored, anything else belongs to
// the session.
export const APP_PREFIX = 'app:';
export const USER_PREFIX = 'user:';
export const TEMP_PREFIX = 'temp:';

export interface StateDeltas {
  /** Keys without their `app:` prefix, as ADK stores them. */
  app: JsonObject;
  /** Keys without their `user:` prefix. */
  user: JsonObject;
  session: JsonObject;
}

export function splitStateDelta(delta: JsonObject): StateDeltas {
  const deltas: StateDeltas = { app: {}, user: {}, session: {} };
  for (const [key, value] of Object.entries(delta)) {
    if (key.startsWith(APP_PREFIX)) deltas.app[key.slice(APP_PREFIX.length)] = value;
    else if (key.startsWith(USER_PREFIX)) deltas.user[key.slice(USER_PREFIX.length)] = value;
    else if (!key.startsWith(TEMP_PREFIX)) deltas.session[key] = value;
  }
  return deltas;
}

/** The view a session's reader sees: its own keys plus app and user keys with their prefixes restored. */
export function mergeState(app: JsonObject, user: JsonObject, session: JsonObject): JsonObject {
  const merged: JsonObject = { ...session };
  for (const [key, value] of Object.entries(app)) merged[APP_PREFIX + key] = value;
  for (const [key, value] of Object.entries(user)) merged[USER_PREFIX + key] = value;
  return merged;
}

/** ADK drops `temp:` keys from an event's delta before it is stored; so do we, without mutating the input. */
export function withoutTempState(event: AdkEvent): AdkEvent {
  const delta = event.actions?.stateDelta ?? {};
  const keys = Object.keys(delta);
  if (!keys.some((key) => key.startsWith(TEMP_PREFIX))) return event;
  const kept = Object.fromEntries(Object.entries(delta).filter(([key]) => !key.startsWith(TEMP_PREFIX)));
  return { ...event, actions: { ...event.actions, stateDelta: kept } };
}

export function isEmpty(object: JsonObject): boolean {
  for (const _ in object) return false;
  return true;
}
