// Prompt size per model call with one agent holding every tool (SRE_AGENT_MODE=single) and with a root
// agent handing over to one specialist per MCP server (delegate), for a Kubernetes question, a follow-up
// to it in the same session (which goes straight to the specialist), a cost question and one needing
// both. The three real servers are spawned (writes enabled, so every tool is declared) for their real
// tools/list; their tools answer from a canned text, the model is the Gemini wire fake playing a script,
// the runner and store are the real ones.
//
// Tokens are the bytes of each request body the fake received (system instruction, contents, tool
// declarations: what the Gemini client put on the wire) divided by four; the fake's usage counts are
// made up. The same canned tool results in both modes, so only the declarations and the hand-overs differ.
//
//   npm run build && node bench/agents.ts        (or npm run bench -- agents)
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  APP_NAME,
  createGeminiModel,
  createMcpHub,
  createRunner,
  type McpHub,
  openSessionStore,
  type SessionStore,
} from '@sre-agent/orchestrator';
import { createLogger } from '@sre-agent/shared';
import { type GeminiTurn, type RecordedRequest, startGeminiFake } from '../test/fakes/gemini/gemini-fake.ts';
import { approxTokens, round } from './stats.ts';

type Mode = 'single' | 'delegate';

interface Question {
  name: string;
  text: string;
  scripts: Record<Mode, GeminiTurn[]>;
  /** Asked in the session of the question before, after its answer (the specialist is still active). */
  followUp?: true;
}

export interface AgentsBenchRow {
  question: string;
  mode: Mode;
  modelCalls: number;
  toolsPerCall: string;
  tokensPerCallMean: number;
  tokensPerCallMax: number;
  tokensPerTurn: number;
  /** The part of `tokensPerTurn` that is tool declarations. */
  schemaTokensPerTurn: number;
  /** Tokens of the turn against single mode's for the same question. */
  vsSingle: string;
}

const logger = createLogger({ name: 'bench', level: 'error' });
const call = (name: string, args: Record<string, unknown> = {}) => ({ name, args });
const transfer = (agent_name: string, text?: string): GeminiTurn => ({
  functionCalls: [call('transfer_to_agent', { agent_name })],
  ...(text ? { text } : {}),
});
const pods = call('k8s__list_pods_from_namespace', { namespace: 'payments' });
const cost = call('aws_cost__get_cost_by_service', { start_date: '2026-11-01', end_date: '2026-12-01' });
const logs = call('k8s__get_pod_logs', { namespace: 'payments', pod_name: 'ledger-7' });
const logsAnswer = 'The ledger ran out of memory loading the rate table.';
const podsAnswer = 'ledger-7f9 is in CrashLoopBackOff (OOMKilled, 5 restarts); the other pods run.';
const costAnswer = 'Amazon RDS cost $1,204.10 in November, 31% of the bill.';

const questions: Question[] = [
  {
    name: 'Kubernetes',
    text: 'Why is the ledger in payments crashing?',
    scripts: {
      single: [{ functionCalls: [pods] }, { text: podsAnswer }],
      delegate: [transfer('kubernetes_agent'), { functionCalls: [pods] }, { text: podsAnswer }],
    },
  },
  {
    name: 'Kubernetes, follow-up',
    text: 'And what do its logs say?',
    followUp: true,
    scripts: {
      single: [{ functionCalls: [logs] }, { text: logsAnswer }],
      // The session remembers kubernetes_agent answered: no routing call.
      delegate: [{ functionCalls: [logs] }, { text: logsAnswer }],
    },
  },
  {
    name: 'cost',
    text: 'What did we spend on RDS last month?',
    scripts: {
      single: [{ functionCalls: [cost] }, { text: costAnswer }],
      delegate: [transfer('aws_cost_agent'), { functionCalls: [cost] }, { text: costAnswer }],
    },
  },
  {
    name: 'mixed',
    text: 'Why is the ledger crashing, and what does its RDS database cost us?',
    scripts: {
      // One agent with every tool asks for both at once.
      single: [{ functionCalls: [pods, cost] }, { text: `${podsAnswer} ${costAnswer}` }],
      delegate: [
        transfer('kubernetes_agent'),
        { functionCalls: [pods] },
        transfer('aws_cost_agent', podsAnswer),
        { functionCalls: [cost] },
        { text: costAnswer },
      ],
    },
  },
];

// The canned results: a namespace's pods, a month's cost by service.
const podsText = Array.from(
  { length: 30 },
  (_, i) => `ledger-${i}  ${i === 7 ? '0/1  CrashLoopBackOff  5' : '1/1  Running  0'}  3d4h  node-${i % 3}`,
).join('\n');
const costText = ['Service                     Cost (USD)', 'Amazon RDS                  1,204.10']
  .concat(Array.from({ length: 20 }, (_, i) => `Service ${i}                  ${(100 - i * 3).toFixed(2)}`))
  .join('\n');

const servers = ['k8s', 'aws-cost', 'aws-core'].map((dir) => ({
  name: dir.replace('-', '_'),
  command: process.execPath,
  args: [fileURLToPath(new URL(`../servers/${dir}/dist/main.js`, import.meta.url))],
  env: {},
}));

export async function run(): Promise<AgentsBenchRow[]> {
  const hub = await createMcpHub({
    servers,
    logger,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      SRE_ALLOW_WRITES: 'true',
      KUBECONFIG: '/nonexistent/kubeconfig',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  const fake = await startGeminiFake();
  const store = await openSessionStore({ kind: 'pglite' });
  const rows: AgentsBenchRow[] = [];
  try {
    const canned = cannedHub(hub);
    const sessions: Partial<Record<Mode, string>> = {};
    for (const question of questions) {
      const single = await measure(question, 'single', { fake, store, hub: canned, sessions });
      const delegate = await measure(question, 'delegate', { fake, store, hub: canned, sessions });
      rows.push(single, {
        ...delegate,
        vsSingle: `${round((100 * delegate.tokensPerTurn) / single.tokensPerTurn, 0)}%`,
      });
    }
  } finally {
    await Promise.allSettled([hub.close(), store.close(), fake.close()]);
  }
  console.log(
    `agents: prompt tokens (request bytes / 4) per model call, single agent vs sub-agents (${hub.tools().length} tools)`,
  );
  console.table(rows);
  return rows;
}

function cannedHub(
  hub: McpHub,
): Pick<McpHub, 'tools' | 'findTool' | 'callTool' | 'health' | 'unavailableServers'> {
  return {
    tools: () => hub.tools(),
    findTool: (name) => hub.findTool(name),
    unavailableServers: () => hub.unavailableServers(),
    health: () => hub.health(),
    callTool: async (name) => ({ isError: false, text: name.startsWith('k8s__') ? podsText : costText }),
  };
}

async function measure(
  question: Question,
  mode: Mode,
  deps: {
    fake: Awaited<ReturnType<typeof startGeminiFake>>;
    store: SessionStore;
    hub: ReturnType<typeof cannedHub>;
    /** The last session of each mode, for a follow-up question. */
    sessions: Partial<Record<Mode, string>>;
  },
): Promise<AgentsBenchRow> {
  const { fake, store } = deps;
  fake.reset();
  fake.push(...question.scripts[mode]);
  const runner = createRunner({
    store,
    model: createGeminiModel({ apiKey: 'bench', model: 'gemini-bench', baseUrl: fake.url }),
    hub: deps.hub,
    config: {
      agentName: APP_NAME,
      agentMode: mode,
      maxSteps: 12,
      toolResultMaxChars: 20_000,
      historyMaxChars: 800_000,
    },
    logger,
  });
  const previous = question.followUp ? deps.sessions[mode] : undefined;
  const sessionId = previous ?? (await store.createSession({ appName: APP_NAME, userId: 'bench' })).id;
  deps.sessions[mode] = sessionId;
  const key = { appName: APP_NAME, userId: 'bench', sessionId };
  let errors = 0;
  for await (const event of runner.run({
    session: key,
    newMessage: { role: 'user', parts: [{ text: question.text }] },
    streaming: false,
  })) {
    // A refused call (a tool another agent holds, say) would make the figures meaningless.
    const refused = event.content?.parts.some((part) => part.functionResponse?.response.error !== undefined);
    if (event.errorCode || refused) errors++;
  }
  if (errors > 0 || fake.failures.length > 0 || fake.remaining() > 0) {
    throw new Error(
      `agents bench: ${question.name}/${mode} did not run as scripted: ${fake.failures.join('; ')}`,
    );
  }
  const tokens = fake.requests.map((request) => approxTokens(requestBytes(request)));
  const declared = fake.requests.map((request) => request.tools?.[0]?.functionDeclarations?.length ?? 0);
  return {
    question: question.name,
    mode,
    modelCalls: fake.requests.length,
    toolsPerCall: declared.join(' / '),
    tokensPerCallMean: Math.round(tokens.reduce((sum, n) => sum + n, 0) / tokens.length),
    tokensPerCallMax: Math.max(...tokens),
    tokensPerTurn: tokens.reduce((sum, n) => sum + n, 0),
    schemaTokensPerTurn: approxTokens(
      fake.requests.reduce((sum, request) => sum + Buffer.byteLength(JSON.stringify(request.tools ?? [])), 0),
    ),
    vsSingle: '100%',
  };
}

/** What the Gemini client sent: the request body, without the fake's own bookkeeping. */
function requestBytes(request: RecordedRequest): number {
  const { model: _m, stream: _s, apiKey: _k, path: _p, authorization: _a, ...body } = request;
  return Buffer.byteLength(JSON.stringify(body));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
