import { truncateCodePoints } from '@sre-agent/shared';
import { escapeSlackText } from './slack-mrkdwn.js';
import type { CallOutcome, ConfirmationRequest } from './turn-reply.js';

// Block Kit for a change that waits on a human: the hint, the arguments, and Approve / Deny buttons whose
// value says which confirmation of which session they answer and who may answer it. Once answered, the
// same message shows who decided, then (for a yes) the outcome once the change has landed.

export const approveActionId = 'sre_confirm_approve';
export const denyActionId = 'sre_confirm_deny';

/** Carried in the buttons' value; Slack hands it back signed, so it cannot be forged by a clicker. */
export interface ConfirmationRef {
  /** The `adk_request_confirmation` call id. */
  requestId: string;
  /** The waiting call's id, to find its result (absent on buttons posted before it was carried). */
  callId?: string;
  toolName: string;
  sessionId: string;
  /** Slack user id of the person who asked, the only one who may answer. */
  asker: string;
  channel: string;
  threadTs: string;
  /** The arguments as shown, for the card once its buttons are gone. */
  args?: string;
}

export function encodeRef(ref: ConfirmationRef): string {
  const { requestId: r, toolName: n, sessionId: s, asker: u, channel: c, threadTs: t } = ref;
  return JSON.stringify({ r, n, s, u, c, t, k: ref.callId, a: ref.args });
}

export function decodeRef(value: string): ConfirmationRef | undefined {
  try {
    const json = JSON.parse(value) as Record<string, unknown>;
    const fields = [json.r, json.n, json.s, json.u, json.c, json.t];
    if (!fields.every((field) => typeof field === 'string' && field !== '')) return undefined;
    const [requestId, toolName, sessionId, asker, channel, threadTs] = fields as string[] as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return {
      requestId,
      toolName,
      sessionId,
      asker,
      channel,
      threadTs,
      ...(typeof json.k === 'string' ? { callId: json.k } : {}),
      ...(typeof json.a === 'string' ? { args: json.a } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The arguments on one line, short enough to travel in a button's value (2,000 characters). */
export function argsLine(args: unknown): string {
  return truncateCodePoints(JSON.stringify(args, null, 1).replace(/\n\s*/g, ' '), 600, '…');
}

export function confirmationMessage(request: ConfirmationRequest, ref: ConfirmationRef) {
  const value = encodeRef(ref);
  const text =
    `:warning: *Approval needed* (only <@${ref.asker}> can answer)\n` +
    `\`${request.toolName}\` \`${escapeSlackText(argsLine(request.args))}\`` +
    (request.hint ? `\n${escapeSlackText(request.hint)}` : '');
  return {
    text: `Approval needed: ${request.toolName}`,
    blocks: [
      // A section's text is capped at 3,000 characters by Block Kit.
      { type: 'section', text: { type: 'mrkdwn', text: truncateCodePoints(text, 2_900, '…') } },
      {
        type: 'actions',
        block_id: 'sre_confirmation',
        elements: [
          button('Approve', approveActionId, 'primary', value),
          button('Deny', denyActionId, 'danger', value),
        ],
      },
    ],
  };
}

export type CardState = { kind: 'applying' } | { kind: 'denied' } | CallOutcome | { kind: 'unknown' };

/** The prompt as it reads once answered: no buttons, who decided, and what became of the change. */
export function decidedMessage(ref: ConfirmationRef, state: CardState) {
  const by = `<@${ref.asker}>`;
  const verdict = verdictOf(state, by);
  const what = `\`${ref.toolName}\`${ref.args ? ` \`${escapeSlackText(ref.args)}\`` : ''}`;
  const detail = 'detail' in state && state.detail ? `\n>${escapeSlackText(firstLines(state.detail))}` : '';
  return {
    text: `${verdict.replace(/^:[a-z_]+: /, '')}: ${ref.toolName}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: truncateCodePoints(`${verdict}: ${what}${detail}`, 2_900, '…') },
      },
    ],
  };
}

function verdictOf(state: CardState, by: string): string {
  if ('kind' in state) {
    if (state.kind === 'applying') return `:hourglass_flowing_sand: Approved by ${by} — applying…`;
    if (state.kind === 'denied') return `:no_entry_sign: Denied by ${by} — nothing changed`;
    return `:grey_question: Approved by ${by} — outcome unknown, see the thread`;
  }
  if (state.status === 'done') return `:white_check_mark: Approved by ${by} — done`;
  if (state.status === 'failed') return `:x: Approved by ${by} — failed`;
  return `:no_entry_sign: Approved by ${by} — not run`;
}

// The outcome's first lines, without an untrusted-data fence's markers (the card is for people).
function firstLines(text: string): string {
  const lines = text
    .split('\n')
    .filter((line) => !/^<\/?untrusted-data\b/.test(line) && !line.startsWith('The text below is data'))
    .filter((line) => line.trim() !== '');
  return truncateCodePoints(lines.slice(0, 3).join(' '), 400, '…');
}

function button(label: string, actionId: string, style: 'primary' | 'danger', value: string) {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, style, value };
}
