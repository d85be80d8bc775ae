/** What the cap needs to know of a Streamable session. */
export interface EvictableSession {
  lastSeen: number;
  /** Requests and GET streams in progress: a session with one open is busy. */
  open: number;
  close(): void;
}

export const defaultMaxSessions = 256;

/**
 * Makes room for one more session under the cap. Each session holds a whole MCP server (5,000
 * `initialize` calls took a server from 80 MB to 680 MB), so past the cap the idle session used
 * least recently is closed (its client gets 404 and initializes again, as the protocol says);
 * when every session is busy, the caller answers 503 instead of growing without bound.
 */
export function makeRoomForSession(
  sessions: Iterable<EvictableSession>,
  inUse: number,
  maxSessions: number,
): boolean {
  if (inUse < maxSessions) return true;
  let oldest: EvictableSession | undefined;
  for (const session of sessions) {
    if (session.open === 0 && (!oldest || session.lastSeen < oldest.lastSeen)) oldest = session;
  }
  if (!oldest) return false;
  oldest.close();
  return true;
}
