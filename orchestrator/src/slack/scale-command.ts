import type { HubTool } from '../mcp/mcp-connection.js';
import { argumentProblem } from '../runner/argument-check.js';
import type { Proposal, ProposeResult } from '../runner/propose-call.js';
import type { SlackBotDeps } from './slack-bot.js';
import { threadSession } from './slack-bot.js';
import type { SlackCallResult } from './slack-client.js';
import { escapeSlackText } from './slack-mrkdwn.js';
import {
  helpText,
  type ParsedCommand,
  parseCommand,
  type SlashCommand,
  scaleUsage,
} from './slash-command.js';
import { post, postTurn } from './thread-turn.js';

// `/sre-bot scale ns/name N`: the same change the model can propose, on the same road. The bot starts a
// thread for it, records the request on that thread's session as the user's message and the agent's call,
// and posts the runner's confirmation card; Approve runs it with the write voucher and audits it, as any
// approved change.

export interface ScaleDeps extends SlackBotDeps {
  hub: { tools(): HubTool[]; unavailableServers(): string[] };
  propose(proposal: Proposal): Promise<ProposeResult>;
}

/** What to tell the user at once (ephemeral), and the work that goes on after the acknowledgement. */
export interface CommandReply {
  text: string;
  afterAck?: () => Promise<void>;
}

export async function handleCommand(deps: ScaleDeps, command: SlashCommand): Promise<CommandReply> {
  const parsed = parseCommand(command);
  // The seed's `/sre-bot:scale` is shown as the one command it stands for.
  const name = command.command.replace(/:scale$/, '');
  const help = helpText(name, deps.reactionTrigger);
  if (parsed.kind === 'help') return { text: help };
  if (parsed.kind === 'usage') {
    return { text: `${parsed.problem} Usage: ${scaleUsage(name)}\n\n${help}` };
  }
  const tool = scaleTool(deps.hub.tools());
  if (!tool) return { text: noScaleTool(deps.hub.unavailableServers()) };
  const args = scaleArgs(parsed);
  // The server's own limits are in its schema (SRE_MAX_REPLICAS): refused before anyone is asked.
  const problem = argumentProblem(tool, args);
  if (problem) return { text: problem };
  const what = `\`${parsed.namespace}/${parsed.deployment}\` to ${parsed.replicas} replicas`;
  const context = parsed.context ? ` (context \`${escapeSlackText(parsed.context)}\`)` : '';
  const propose = async (rootTs: string) => {
    const thread = { channel: command.channel, threadTs: rootTs, asker: command.user };
    const session = await threadSession(deps, thread);
    const text = `${command.command} ${command.text}`.trim();
    const result = await deps.propose({ session, text, tool, args });
    if (!result.ok) return post(deps, thread, `:no_entry_sign: ${escapeSlackText(result.problem)}`);
    await postTurn(deps, session, thread, result.events);
  };
  return inNewThread(deps, command, `<@${command.user}> asked to scale ${what}${context}.`, propose, {
    started: `The change waits for your approval in the thread I started: scale ${what}.`,
    starting: `Asking for approval to scale ${what} in this channel…`,
  });
}

/**
 * Posts the message that starts the change's thread, then `work` in it after the acknowledgement. Slack
 * wants a command answered within 3 s: a post held up by a rate limit finishes after the answer.
 */
async function inNewThread(
  deps: Pick<SlackBotDeps, 'slack'>,
  command: SlashCommand,
  text: string,
  work: (rootTs: string) => Promise<void>,
  replies: { started: string; starting: string },
): Promise<CommandReply> {
  const rootPost = deps.slack.postMessage({ channel: command.channel, text });
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ackBudgetMs, undefined);
  });
  const early = await Promise.race([rootPost, budget]);
  clearTimeout(timer);
  if (early?.ok && early.ts) {
    const rootTs = early.ts;
    return { text: replies.started, afterAck: () => work(rootTs) };
  }
  if (early) return { text: cannotPost(early) };
  return {
    text: replies.starting,
    afterAck: async () => {
      const root = await rootPost;
      if (root.ok && root.ts) return work(root.ts);
      await deps.slack.postEphemeral({
        channel: command.channel,
        user: command.user,
        text: cannotPost(root),
      });
    },
  };
}

/** Of the 3 s Slack gives a slash command, what posting the thread's first message may take. */
const ackBudgetMs = 2_000;

function cannotPost(result: SlackCallResult): string {
  const why = result.ok ? 'no_ts' : result.error;
  return `I cannot post in this channel (\`${why}\`). Invite me to it, or use a channel I am in.`;
}

type ScaleRequest = Extract<ParsedCommand, { kind: 'scale' }>;

function scaleArgs(parsed: ScaleRequest) {
  return {
    namespace: parsed.namespace,
    deployment_name: parsed.deployment,
    replicas: parsed.replicas,
    ...(parsed.context ? { context: parsed.context } : {}),
  };
}

// The k8s server offers scale_deployment only when writes are enabled (read-only mode drops it).
function scaleTool(tools: HubTool[]): HubTool | undefined {
  const candidates = tools.filter((tool) => tool.toolName === 'scale_deployment' && tool.mutating);
  return candidates.find((tool) => tool.server === 'k8s') ?? candidates[0];
}

function noScaleTool(unavailable: string[]): string {
  if (unavailable.includes('k8s')) {
    return 'The Kubernetes server is not running right now, so nothing can be scaled; try again shortly.';
  }
  return 'Writes are disabled: the Kubernetes server offers no scale_deployment. An operator can enable it with SRE_ALLOW_WRITES=true on the k8s server; every change still waits for an Approve.';
}
