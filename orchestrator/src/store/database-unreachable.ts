// An unreachable or misconfigured PostgreSQL is the commonest start-up failure and an expected one: it
// gets a sentence naming where we tried and what to check, not a stack. The URL's password never appears.

/** A start-up failure that explains itself: printed as its message alone. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

interface Where {
  host: string;
  port: string;
  database: string;
  user: string;
}

// Node's socket errors and libpq's SQLSTATEs (class 08 connection, 28 authorization, 3D no database).
const socketReasons: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens there)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
};

/**
 * The failure of opening the session database at `url` as one sentence for an operator, or undefined when
 * it is not a connection problem (a bug, say, which keeps its stack).
 */
export function explainDatabaseFailure(error: unknown, url: string): DatabaseUnavailableError | undefined {
  const where = whereOf(url);
  const target = `${where.host}:${where.port}`;
  const found = connectionFailure(error);
  if (found === undefined) return undefined;
  const check =
    'Check that PostgreSQL is running and listening there, that DATABASE_URL names the right host and port, ' +
    'and that this machine can reach it (firewall, Docker network, VPN).';
  switch (found.kind) {
    case 'socket':
      return new DatabaseUnavailableError(`cannot reach PostgreSQL at ${target}: ${found.reason}. ${check}`);
    case 'timeout':
      return new DatabaseUnavailableError(
        `cannot reach PostgreSQL at ${target}: no answer in time. ${check}`,
      );
    case 'auth':
      return new DatabaseUnavailableError(
        `PostgreSQL at ${target} refused user "${where.user}": ${found.message}. Check the user and password in DATABASE_URL and the server's pg_hba.conf.`,
      );
    case 'database':
      return new DatabaseUnavailableError(
        `PostgreSQL at ${target} has no database "${where.database}". Create it (createdb ${where.database}) or name an existing one in DATABASE_URL.`,
      );
    case 'startup':
      return new DatabaseUnavailableError(
        `PostgreSQL at ${target} is not accepting connections: ${found.message}. Retry once it has started; if it persists, check its log.`,
      );
  }
}

type Failure =
  | { kind: 'socket'; reason: string }
  | { kind: 'timeout' }
  | { kind: 'auth' | 'database' | 'startup'; message: string };

// The migrator wraps the driver's error (and a failed IPv6-then-IPv4 connect is an AggregateError), so
// the chain is walked.
function connectionFailure(error: unknown, seen = new Set<unknown>()): Failure | undefined {
  if (!(error instanceof Error) || seen.has(error)) return undefined;
  seen.add(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    const reason = socketReasons[code];
    if (reason) return { kind: 'socket', reason };
    if (code === '28P01' || code === '28000') return { kind: 'auth', message: firstLine(error.message) };
    if (code === '3D000') return { kind: 'database', message: firstLine(error.message) };
    if (code === '57P03') return { kind: 'startup', message: firstLine(error.message) };
  }
  // pg's own wording when connectionTimeoutMillis runs out.
  if (/connection timeout|timeout exceeded when trying to connect/i.test(error.message))
    return { kind: 'timeout' };
  const nested = error instanceof AggregateError ? error.errors : [];
  for (const inner of [error.cause, ...nested]) {
    const found = connectionFailure(inner, seen);
    if (found) return found;
  }
  return undefined;
}

// libpq's defaults fill what the URL leaves out. Only these four fields are ever shown.
function whereOf(url: string): Where {
  try {
    const parsed = new URL(url);
    const query = parsed.searchParams;
    const user = decodeURIComponent(parsed.username) || query.get('user') || 'the current OS user';
    return {
      host: parsed.hostname || query.get('host') || 'localhost',
      port: parsed.port || query.get('port') || '5432',
      user,
      database: decodeURIComponent(parsed.pathname.slice(1)) || query.get('dbname') || user,
    };
  } catch {
    return {
      host: 'the DATABASE_URL host',
      port: '5432',
      user: 'the DATABASE_URL user',
      database: 'the database',
    };
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
