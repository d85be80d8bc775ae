/** One-shot fault injection: Status failures, dropped connections, and added latency. */

import { qualifiedName } from './resources.ts';
import type { RequestTarget } from './status.ts';
import { forbidden, KubeError, REASONS } from './status.ts';

export type FaultMatch = { method?: string; pathIncludes: string };

type PendingFailure = { match: FaultMatch; status: number; message?: string };

export type Faults = {
  failNext(match: FaultMatch, status: number, message?: string): void;
  dropNextConnection(pathIncludes: string): void;
  setLatencyMs(ms: number): void;
  latencyMs(): number;
  /** Removes and returns the first queued failure matching this request, rendered as a KubeError. */
  takeFailure(method: string, path: string, target: RequestTarget): KubeError | undefined;
  takeDrop(path: string): boolean;
};

const matches = (m: FaultMatch, method: string, path: string): boolean =>
  (!m.method || m.method.toUpperCase() === method) && path.includes(m.pathIncludes);

/** The message the real server would have written for this code and request. */
const defaultMessage = (status: number, t: RequestTarget, user: string): KubeError => {
  const what = t.def ? qualifiedName(t.def) : 'resource';
  const name = t.name ?? 'unknown';
  const details = {
    ...(t.name ? { name: t.name } : {}),
    ...(t.def?.group ? { group: t.def.group } : {}),
    kind: t.def?.plural,
  };
  switch (status) {
    case 401:
      return new KubeError(401, 'Unauthorized');
    case 403:
      return forbidden(user, t);
    case 404:
      return new KubeError(404, `${what} "${name}" not found`, details);
    case 409:
      return new KubeError(
        409,
        `Operation cannot be fulfilled on ${what} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        details,
      );
    case 422:
      return new KubeError(
        422,
        `${t.def?.kind ?? 'Object'} "${name}" is invalid: spec: Invalid value: "": field is immutable`,
        details,
      );
    case 429:
      return new KubeError(429, 'Too many requests, please try again later.', { retryAfterSeconds: 1 });
    case 500:
      return new KubeError(500, 'Internal error occurred: etcdserver: request timed out', {});
    case 503:
      return new KubeError(503, 'the server is currently unable to handle the request', {});
    case 504:
      return new KubeError(
        504,
        'the server was unable to return a response in the time allotted, but may still be processing the request',
        {},
      );
    default:
      return new KubeError(status, REASONS[status] ?? `HTTP ${status}`);
  }
};

/** A Status body for a wire-level `status` fault (see ../wire-faults.ts), as the server writes it. */
export const statusBody = (status: number): string =>
  JSON.stringify(defaultMessage(status, { verb: 'get' }, '').status);

export const createFaults = (forbiddenUser: string): Faults => {
  const failures: PendingFailure[] = [];
  const drops: string[] = [];
  let latency = 0;
  return {
    failNext: (match, status, message) => {
      failures.push({ match, status, ...(message !== undefined ? { message } : {}) });
    },
    dropNextConnection: (pathIncludes) => {
      drops.push(pathIncludes);
    },
    setLatencyMs: (ms) => {
      latency = ms;
    },
    latencyMs: () => latency,
    takeFailure: (method, path, target) => {
      const at = failures.findIndex((f) => matches(f.match, method, path));
      if (at < 0) return undefined;
      const [f] = failures.splice(at, 1);
      const rendered = defaultMessage(f!.status, target, forbiddenUser);
      if (f!.message === undefined) return rendered;
      return new KubeError(f!.status, f!.message, rendered.status.details, rendered.status.reason);
    },
    takeDrop: (path) => {
      const at = drops.findIndex((p) => path.includes(p));
      if (at < 0) return false;
      drops.splice(at, 1);
      return true;
    },
  };
};
