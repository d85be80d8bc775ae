// The runner's request for a human's yes before a write (ADK's adk_request_confirmation), with the
// change it would make and Approve / Deny.
import { el } from './dom.js';
import type { FunctionCall, JsonObject } from './types.js';

export interface ConfirmCard {
  root: HTMLElement;
  /** Disables the buttons for good and says how it was answered. */
  answered(confirmed: boolean): void;
  /** While a turn runs, an open card's buttons wait. */
  setBusy(busy: boolean): void;
}

export function createConfirmCard(call: FunctionCall, answer: (confirmed: boolean) => void): ConfirmCard {
  const args = call.args ?? {};
  const original = (args.originalFunctionCall ?? {}) as { name?: string; args?: JsonObject };
  const confirmation = (args.toolConfirmation ?? {}) as { hint?: string };
  const hint = (confirmation.hint ?? '').split(' Approve or reject it by answering')[0] ?? '';
  const approve = el('button', { className: 'primary', text: 'Approve', attrs: { type: 'button' } });
  const deny = el('button', { className: 'danger', text: 'Deny', attrs: { type: 'button' } });
  const actions = el('div', { className: 'actions' }, approve, deny);
  const title = `Approval needed: ${original.name ?? 'a tool'}`;
  const root = el(
    'section',
    { className: 'confirm', attrs: { 'aria-label': title } },
    el('strong', { text: title }),
    el('pre', { text: JSON.stringify(original.args ?? {}, null, 2) }),
  );
  if (hint) root.append(el('div', { className: 'hint', text: hint }));
  root.append(actions);
  approve.addEventListener('click', () => answer(true));
  deny.addEventListener('click', () => answer(false));
  let done = false;
  return {
    root,
    answered(confirmed) {
      if (done) return;
      done = true;
      root.classList.add('answered');
      approve.disabled = true;
      deny.disabled = true;
      actions.append(el('span', { className: 'verdict', text: confirmed ? 'Approved' : 'Denied' }));
    },
    setBusy(busy) {
      if (done) return;
      approve.disabled = busy;
      deny.disabled = busy;
    },
  };
}
