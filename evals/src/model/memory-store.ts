/**
 * The slice of the session store the runner uses, in memory. Opening PGlite and migrating took ~20 s on
 * this 2-core machine, longer than a whole scripted run; an eval measures the model and the servers,
 * not persistence, and each task gets a fresh session anyway.
 */
import { randomUUID } from 'node:crypto';
import type { AdkEvent, AuditEntry, Session, SessionKey, SessionStore } from '@sre-agent/orchestrator';

export type EvalStore = Pick<
  SessionStore,
  'createSession' | 'getSession' | 'appendEvent' | 'withSessionLock' | 'recordAudit'
> & {
  audits: AuditEntry[];
};

export function createMemoryStore(): EvalStore {
  const sessions = new Map<string, Session>();
  const audits: AuditEntry[] = [];
  const locks = new Map<string, Promise<unknown>>();
  return {
    audits,
    async createSession({ appName, userId, sessionId, state }) {
      const session: Session = {
        id: sessionId ?? randomUUID(),
        appName,
        userId,
        state: state ?? {},
        events: [],
        lastUpdateTime: Date.now() / 1000,
      };
      sessions.set(session.id, session);
      return structuredClone(session);
    },
    async getSession(key: SessionKey) {
      const session = sessions.get(key.sessionId);
      return session ? structuredClone(session) : undefined;
    },
    async appendEvent(key: SessionKey, event: AdkEvent) {
      if (event.partial) return event;
      const session = sessions.get(key.sessionId);
      if (!session) throw new Error(`session ${key.sessionId} not found`);
      session.events.push(structuredClone(event));
      session.lastUpdateTime = event.timestamp;
      return event;
    },
    async withSessionLock(key, fn) {
      const previous = locks.get(key.sessionId) ?? Promise.resolve();
      const next = previous.then(() => fn(new AbortController().signal));
      locks.set(
        key.sessionId,
        next.catch(() => undefined),
      );
      return next;
    },
    async recordAudit(entry) {
      audits.push(entry);
    },
  };
}
