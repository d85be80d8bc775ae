// Renders ADK events into the conversation: the user's messages, streamed then final answers (Markdown)
// labelled with the agent that gave them, tool calls as cards with their results and images, hand-overs
// between agents as one line, confirmation requests, and errors.
import { type ConfirmCard, createConfirmCard } from './confirm-card.js';
import { el } from './dom.js';
import { renderMarkdown } from './markdown-dom.js';
import { createToolCard, type ToolCard } from './tool-card.js';
import type { AdkEvent, FunctionCall, FunctionResponse, Part, ToolImage } from './types.js';

export const CONFIRM = 'adk_request_confirmation';
const TRANSFER = 'transfer_to_agent';

export interface ChatLogDeps {
  log: HTMLElement;
  answer(callId: string, confirmed: boolean): void;
  loadImage(filename: string, version: number): Promise<ToolImage | undefined>;
}

export interface ChatLog {
  clear(): void;
  renderEvent(event: AdkEvent): void;
  renderUser(text: string): void;
  renderError(code: string, message: string): void;
  /** Marks a confirmation answered at once, before the turn that carries the answer is back. */
  answered(callId: string, confirmed: boolean): void;
  setBusy(busy: boolean): void;
}

/**
 * The call's own run time as the runner recorded it; else (older sessions) the time between the call's
 * event and its response's, which is the slowest call's for calls that ran in parallel.
 */
function callSeconds(card: ToolCard, response: FunctionResponse, event: AdkEvent): number | undefined {
  const ms = event.customMetadata?.toolDurationsMs?.[response.id ?? ''];
  if (typeof ms === 'number') return ms / 1000;
  if (card.startedAt === undefined || event.timestamp === undefined) return undefined;
  return event.timestamp - card.startedAt;
}

export function createChatLog(deps: ChatLogDeps): ChatLog {
  const { log } = deps;
  let cards = new Map<string, ToolCard>();
  let confirms = new Map<string, ConfirmCard>();
  let streaming = new Map<string, HTMLElement>();
  // transfer_to_agent calls, shown only if their hand-over was refused.
  let transfers = new Map<string, FunctionCall>();

  const append = <T extends HTMLElement>(node: T): T => {
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    log.append(node);
    if (nearBottom) log.scrollTop = log.scrollHeight;
    return node;
  };

  const toolCall = (call: FunctionCall, event: AdkEvent) => {
    const card = createToolCard(call, event.timestamp);
    if (call.id) cards.set(call.id, card);
    append(card.root);
  };

  const toolResult = (response: FunctionResponse, event: AdkEvent, call?: FunctionCall) => {
    let card = response.id ? cards.get(response.id) : undefined;
    if (card === undefined) {
      card = createToolCard(call ?? { name: response.name }, undefined);
      append(card.root);
    }
    card.settle(response, callSeconds(card, response, event));
    // The runner names each saved image `<tool>_<call id>[_n].<ext>`.
    const callId = (response.id ?? '').replace(/[^A-Za-z0-9_.-]/g, '_');
    for (const [filename, version] of Object.entries(event.actions?.artifactDelta ?? {})) {
      if (callId && filename.includes(callId)) card.addImage(deps.loadImage(filename, version), filename);
    }
  };

  const confirmation = (call: FunctionCall) => {
    const id = call.id ?? '';
    const card = createConfirmCard(call, (confirmed) => deps.answer(id, confirmed));
    confirms.set(id, card);
    append(card.root);
  };

  // A hand-over that took place is one line; a refused one stays a (failed) tool card, as the model saw it.
  const handOver = (response: FunctionResponse, event: AdkEvent) => {
    const target = event.actions?.transferToAgent;
    if (response.response?.error !== undefined || !target) {
      toolResult(response, event, transfers.get(response.id ?? ''));
      return;
    }
    const title = `${event.author ?? 'The agent'} handed over to ${target}`;
    append(el('div', { className: 'handover', text: `\u2192 ${target}`, attrs: { title } }));
  };

  const author = (event: AdkEvent) => el('div', { className: 'author', text: event.author ?? 'agent' });

  const partial = (event: AdkEvent, text: string) => {
    const id = event.invocationId ?? '';
    let body = streaming.get(id);
    if (body === undefined) {
      body = el('div', { className: 'streaming' });
      append(el('div', { className: 'msg agent' }, author(event), body));
      streaming.set(id, body);
    }
    body.textContent += text;
  };

  const final = (event: AdkEvent, text: string) => {
    const id = event.invocationId ?? '';
    const bubble = el('div', { className: 'msg agent' }, author(event), renderMarkdown(text));
    const open = streaming.get(id)?.parentElement;
    if (open) {
      open.replaceWith(bubble);
      streaming.delete(id);
    } else append(bubble);
  };

  const part = (event: AdkEvent, item: Part) => {
    const call = item.functionCall;
    const response = item.functionResponse;
    if (call?.name === TRANSFER) transfers.set(call.id ?? '', call);
    else if (response?.name === TRANSFER) handOver(response, event);
    else if (response?.name === CONFIRM) {
      const confirmed = response.response?.confirmed === true;
      confirms.get(response.id ?? '')?.answered(confirmed);
    } else if (response) toolResult(response, event);
    else if (event.author === 'user' && item.text) chat.renderUser(item.text);
    // Only the runner's own requests (listed in longRunningToolIds) get buttons; one the model wrote
    // itself is shown as the plain call it is.
    else if (call?.name === CONFIRM && (event.longRunningToolIds ?? []).includes(call.id ?? '')) {
      confirmation(call);
    } else if (call) toolCall(call, event);
    else if (item.text && !item.thought && event.partial) partial(event, item.text);
    else if (item.text && !item.thought) final(event, item.text);
  };

  const chat: ChatLog = {
    clear() {
      log.replaceChildren();
      cards = new Map();
      confirms = new Map();
      streaming = new Map();
      transfers = new Map();
    },
    renderEvent(event) {
      for (const item of event.content?.parts ?? []) part(event, item);
      if (event.errorCode || event.errorMessage) {
        chat.renderError(event.errorCode ?? 'ERROR', event.errorMessage ?? '');
      }
    },
    renderUser(text) {
      append(el('div', { className: 'msg user', text }));
    },
    renderError(code, message) {
      append(
        el('div', { className: 'msg error', attrs: { role: 'alert' } }, el('b', { text: code }), message),
      );
    },
    answered(callId, confirmed) {
      confirms.get(callId)?.answered(confirmed);
    },
    setBusy(busy) {
      for (const card of confirms.values()) card.setBusy(busy);
    },
  };
  return chat;
}
