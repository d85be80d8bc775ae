// The page's client of the ADK API on its own origin, with the bearer token when there is one.
import { readFrames } from './sse.js';
import type { AdkEvent, JsonObject, Part, Session, ToolImage, ToolInfo, ToolRun } from './types.js';

export const APP = 'sre_agent';

/** A refused or failed request: its status and the API's `detail`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Api {
  token: string;
  userId: string;
  listApps(): Promise<string[]>;
  listSessions(): Promise<Session[]>;
  getSession(id: string): Promise<Session>;
  createSession(): Promise<Session>;
  setTitle(id: string, title: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Runs a turn; each event (or stream error) goes to `onEvent` as it arrives. */
  run(
    sessionId: string,
    parts: Part[],
    onEvent: (event: AdkEvent & { error?: string }) => void,
  ): Promise<void>;
  artifact(sessionId: string, filename: string, version?: number): Promise<ToolImage | undefined>;
  listTools(): Promise<ToolInfo[]>;
  runTool(name: string, args: JsonObject): Promise<ToolRun>;
}

export function createApi(): Api {
  const sessions = () => `/apps/${APP}/users/${encodeURIComponent(api.userId)}/sessions`;
  const session = (id: string) => `${sessions()}/${encodeURIComponent(id)}`;
  const request = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (api.token) headers.Authorization = `Bearer ${api.token}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(path, init);
    if (!response.ok) throw new ApiError(response.status, await detail(response));
    return response;
  };
  const json = async <T>(method: string, path: string, body?: unknown) =>
    (await (await request(method, path, body)).json()) as T;

  const api: Api = {
    token: '',
    userId: '',
    listApps: () => json('GET', '/list-apps'),
    listSessions: () => json('GET', sessions()),
    getSession: (id) => json('GET', session(id)),
    createSession: () => json('POST', sessions(), { state: { source: 'web' } }),
    setTitle: async (id, title) => void (await request('PATCH', session(id), { stateDelta: { title } })),
    deleteSession: async (id) => void (await request('DELETE', session(id))),
    async run(sessionId, parts, onEvent) {
      const response = await request('POST', '/run_sse', {
        app_name: APP,
        user_id: api.userId,
        session_id: sessionId,
        new_message: { role: 'user', parts },
        streaming: true,
      });
      if (response.body) await readFrames(response.body, (data) => onEvent(data as AdkEvent));
    },
    async artifact(sessionId, filename, version) {
      const path = `${session(sessionId)}/artifacts/${encodeURIComponent(filename)}`;
      const part = await json<{ inlineData?: ToolImage }>(
        'GET',
        version === undefined ? path : `${path}/versions/${version}`,
      );
      return part.inlineData;
    },
    listTools: () => json('GET', `/apps/${APP}/tools`),
    runTool: (name, args) => json('POST', `/apps/${APP}/tools/${encodeURIComponent(name)}/run`, { args }),
  };
  return api;
}

async function detail(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: unknown };
    return typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail);
  } catch {
    return response.statusText || `HTTP ${response.status}`;
  }
}

/** A user token (`sreu_<base64url user>.<mac>`) reaches only its own user's sessions, so it names the user. */
export function userIdFor(token: string, saved: Storage): string {
  const match = /^sreu_([A-Za-z0-9_-]+)\./.exec(token);
  if (match?.[1]) {
    try {
      const binary = atob(match[1].replace(/-/g, '+').replace(/_/g, '/'));
      return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
    } catch {
      // Not a user token after all.
    }
  }
  let id = saved.getItem('sre.userId');
  if (!id) {
    id = `web_${Math.random().toString(36).slice(2, 10)}`;
    saved.setItem('sre.userId', id);
  }
  return id;
}
