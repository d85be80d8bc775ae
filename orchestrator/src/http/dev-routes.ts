import { type Context, Hono } from 'hono';
import type { AdkEvent, SessionStore } from '../adk/types.js';
import { HttpError, NotFoundError } from '../errors.js';
import type { TraceRecorder } from '../runner/trace-recorder.js';
import { transferToAgentName } from '../runner/transfer.js';
import { type AgentInfo, agentGraphDot, agentTree } from './agent-graph.js';
import type { AppEnv } from './app-env.js';
import type { AppNames } from './app-names.js';
import { assertCanActAs } from './auth.js';

export interface DevDeps {
  store: Pick<SessionStore, 'getSession'>;
  appNames: AppNames;
  /** The agent and the MCP tools it has now (they come and go with their servers). */
  agent: () => AgentInfo;
  tracer?: Pick<TraceRecorder, 'sessionSpans' | 'eventTrace'>;
}

// What ADK's api_server serves its dev UI beyond sessions and runs: traces, the agent graph, and eval
// routes. Older UIs call `/debug/...` and `/apps/...`, the adk-devtools 2.x one `/dev/apps/{app}/...`:
// both are served. Evals are not ours (evals/ has its own harness): 501, as ADK JS answers them.

const evalPaths = [
  'eval_sets',
  'eval_sets/:id',
  'eval_sets/:id/add_session',
  'eval_sets/:id/evals',
  'eval_sets/:id/evals/:case',
  'eval_sets/:id/run_eval',
  'eval-sets',
  'eval_results',
  'eval_results/:id',
  'eval_metrics',
  'metrics-info',
];

export function devRoutes(deps: DevDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const checkApp = (c: Context<AppEnv>) => {
    const app = c.req.param('app');
    if (app !== undefined && !deps.appNames.accepts(app)) throw new NotFoundError(`App not found: ${app}`);
  };
  // A user's token sees only that user's spans; the service token (or an open API) sees all.
  const viewer = (c: Context<AppEnv>) => {
    const principal = c.get('principal');
    return principal?.kind === 'user' ? principal.userId : undefined;
  };

  for (const prefix of ['', '/dev/apps/:app']) {
    routes.get(`${prefix}/debug/trace/session/:session`, (c) => {
      checkApp(c);
      const spans = deps.tracer?.sessionSpans(deps.appNames.canonical, c.req.param('session'), viewer(c));
      return c.json(spans ?? []);
    });
    routes.get(`${prefix}/debug/trace/:event`, (c) => {
      checkApp(c);
      const trace = deps.tracer?.eventTrace(c.req.param('event'), viewer(c));
      if (trace === undefined) throw new NotFoundError('Trace not found');
      return c.json(trace);
    });
  }

  routes.get('/dev/apps/:app/build_graph', (c) => {
    checkApp(c);
    return c.json(agentTree(deps.agent()));
  });

  routes.get('/dev/apps/:app/build_graph_image', (c) => {
    checkApp(c);
    const darkMode = c.req.query('dark_mode') !== 'false';
    return c.json({ dotSrc: agentGraphDot(deps.agent(), [], { darkMode }) });
  });

  for (const prefix of ['', '/dev']) {
    routes.get(`${prefix}/apps/:app/users/:user/sessions/:session/events/:event/graph`, async (c) => {
      checkApp(c);
      const userId = c.req.param('user');
      assertCanActAs(c.get('principal'), userId);
      const session = await deps.store.getSession({
        appName: deps.appNames.canonical,
        userId,
        sessionId: c.req.param('session'),
      });
      if (session === undefined) throw new NotFoundError(`Session not found: ${c.req.param('session')}`);
      const event = session.events.find((candidate) => candidate.id === c.req.param('event'));
      if (event === undefined) throw new NotFoundError(`Event not found: ${c.req.param('event')}`);
      return c.json({ dotSrc: agentGraphDot(deps.agent(), highlights(event)) });
    });
  }

  for (const prefix of ['/apps/:app', '/dev/apps/:app']) {
    for (const path of evalPaths) {
      routes.on(['GET', 'POST', 'PUT', 'DELETE'], `${prefix}/${path}`, (c) => {
        checkApp(c);
        throw new HttpError(
          501,
          'not_implemented',
          'Not implemented: evaluations run with `npm run eval` (evals/), not through this API',
        );
      });
    }
  }
  return routes;
}

/**
 * ADK's highlight pairs for one event: the author calling tools (or handing over to an agent), tools
 * answering it, or the author alone.
 */
function highlights(event: AdkEvent): [string, string][] {
  const parts = event.content?.parts ?? [];
  const calls = parts.flatMap((part) => {
    const call = part.functionCall;
    if (!call) return [];
    const target = call.args?.agent_name;
    return [call.name === transferToAgentName && typeof target === 'string' ? target : call.name];
  });
  if (calls.length > 0) return calls.map((name) => [event.author, name]);
  const answers = parts.flatMap((part) => (part.functionResponse ? [part.functionResponse.name] : []));
  if (answers.length > 0) return answers.map((name) => [name, event.author]);
  return [[event.author, '']];
}
