import { truncateCodePoints } from '@sre-agent/shared';
import { escapeSlackText } from './slack-mrkdwn.js';
import type { ConfirmationRequest } from './turn-reply.js';

// Block Kit for a change that waits on a human: the hint, the arguments, and Approve / Deny buttons whose
// value says which confirmation of which session they answer and who may answer it.

export const approveActionId = 'sre_confirm_approve';
export const denyActionId = 'sre_confirm_deny';

/** Carried in the buttons' value; Slack hands it back signed, so it cannot be forged by a clicker. */
export interface ConfirmationRef {
  /** The `adk_request_confirmation` call id. */
  requestId: string;
  toolName: string;
  sessionId: string;
  /** Slack user id of the person who asked, the only one who may answer. */
  asker: string;
  channel: string;
  threadTs: string;
}

export function encodeRef(ref: ConfirmationRef): string {
  const { requestId: r, toolName: n, sessionId: s, asker: u, channel: c, threadTs: t } = ref;
  return JSON.stringify({ r, n, s, u, c, t });
}

export function decodeRef(value: string): ConfirmationRef | undefined {
  try {
    const json = JSON.parse(value) as Record<string, unknown>;
    const fields = [json.r, json.n, json.s, json.u, json.c, json.t];
    if (!fields.every((field) => typeof field === 'string' && field !== '')) return undefined;
    const [requestId, toolName, sessionId, asker, channel, threadTs] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return { requestId, toolName, sessionId, asker, channel, threadTs };
  } catch {
    return undefined;
  }
}

export function confirmationMessage(request: ConfirmationRequest, ref: ConfirmationRef) {
  const value = encodeRef(ref);
  const summary = describe(request, ref.asker);
  return {
    text: `Approval needed: ${request.toolName}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: summary } },
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

/** The prompt as it reads once answered: same summary, no buttons, who decided what. */
export function decidedMessage(ref: ConfirmationRef, approved: boolean) {
  const by = `<@${ref.asker}>`;
  const verdict = approved ? `:white_check_mark: Approved by ${by}` : `:no_entry_sign: Denied by ${by}`;
  return {
    text: `${verdict}: ${ref.toolName}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${verdict}: \`${ref.toolName}\`` } }],
  };
}

function describe(request: ConfirmationRequest, asker: string): string {
  const args = JSON.stringify(request.args, null, 1).replace(/\n\s*/g, ' ');
  const text =
    `:warning: *Approval needed* (only <@${asker}> can answer)\n` +
    `\`${request.toolName}\` \`${escapeSlackText(args)}\`` +
    (request.hint ? `\n${escapeSlackText(request.hint)}` : '');
  // A section's text is capped at 3,000 characters by Block Kit.
  return truncateCodePoints(text, 2_900, '…');
}

function button(label: string, actionId: string, style: 'primary' | 'danger', value: string) {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, style, value };
}
