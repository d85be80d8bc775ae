import { truncateCodePoints } from '@sre-agent/shared';
import { escapeSlackText } from './slack-mrkdwn.js';

// `/sre-bot <subcommand> ...`, as Slack posts a slash command (form fields command, text, user_id,
// channel_id, response_url). Only `scale` and `help` exist; anything else is answered with what does.

export interface SlashCommand {
  command: string;
  text: string;
  user: string;
  channel: string;
  responseUrl: string | undefined;
}

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'scale'; namespace: string; deployment: string; replicas: number; context?: string }
  | { kind: 'usage'; problem: string };

// Kubernetes names: DNS-1123 labels (namespaces) and subdomains (deployments).
const label = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const subdomain = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** The usage of the one command, by the name Slack says it was invoked as. */
export function scaleUsage(command: string): string {
  return `\`${command} scale <namespace>/<deployment> <replicas> [context]\`, e.g. \`${command} scale payments/checkout 3\``;
}

export function helpText(command: string, trigger: string): string {
  return [
    '*What I can do*',
    '• Mention me in a channel, or send me a direct message, with a question about your clusters or AWS costs: I answer in the thread, and the thread keeps the conversation.',
    `• React with :${trigger}: to a message and I look into it in its thread.`,
    `• ${scaleUsage(command)} asks to scale a deployment; the change waits for your Approve.`,
    `• \`${command} help\` shows this.`,
  ].join('\n');
}

export function parseCommand(command: SlashCommand): ParsedCommand {
  const words = command.text.trim().split(/\s+/).filter(Boolean);
  // The seed's manifest named the command `/sre-bot:scale`: its text is the arguments alone.
  const sub = command.command.endsWith(':scale') ? 'scale' : (words.shift()?.toLowerCase() ?? 'help');
  if (sub === 'help') return { kind: 'help' };
  if (sub !== 'scale') return { kind: 'usage', problem: `I do not know ${shown(sub)}.` };
  return parseScale(words);
}

function parseScale(words: string[]): ParsedCommand {
  const [target, count, context, ...rest] = words;
  if (!target || !count || rest.length > 0) {
    return { kind: 'usage', problem: 'scale takes a deployment, a replica count and optionally a context.' };
  }
  const [namespace, deployment, ...more] = target.split('/');
  if (!namespace || !deployment || more.length > 0) {
    return { kind: 'usage', problem: `${shown(target)} is not \`<namespace>/<deployment>\`.` };
  }
  if (!label.test(namespace) || !subdomain.test(deployment)) {
    return { kind: 'usage', problem: `${shown(target)} is not a valid namespace/deployment name.` };
  }
  if (!/^\d{1,6}$/.test(count)) {
    return { kind: 'usage', problem: `${shown(count)} is not a replica count (a whole number, 0 or more).` };
  }
  return { kind: 'scale', namespace, deployment, replicas: Number(count), ...(context ? { context } : {}) };
}

/** What the user typed, quoted back as code without breaking out of it. */
function shown(text: string): string {
  return `\`${escapeSlackText(truncateCodePoints(text.replaceAll('`', "'"), 60, '…'))}\``;
}
