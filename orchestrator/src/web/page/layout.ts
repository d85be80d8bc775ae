// The page's shell: header, session list, conversation and composer, tools panel, token form. Built with
// DOM calls like the rest, so the HTML the server sends is an empty body and the CSP needs no hashes.
import { el } from './dom.js';

export function buildLayout(root: HTMLElement): void {
  const button = (id: string, text: string, attrs: Record<string, string> = {}) =>
    el('button', { text, attrs: { id, type: 'button', ...attrs } });
  const header = el(
    'header',
    { className: 'topbar' },
    button('toggle-sessions', '\u2630', {
      'aria-label': 'Sessions',
      'aria-controls': 'sessions',
      'aria-expanded': 'false',
      class: 'icon narrow-only',
    }),
    el('h1', { text: 'sre-agent' }),
    el('span', { text: 'connecting\u2026', attrs: { id: 'status', role: 'status' } }),
    button('toggle-tools', 'Tools', { 'aria-controls': 'tools-panel', 'aria-expanded': 'false' }),
    button('forget-token', 'Forget token', { hidden: '' }),
  );
  const sessions = el(
    'nav',
    { attrs: { id: 'sessions', 'aria-label': 'Sessions' } },
    button('new-chat', 'New chat', { class: 'primary' }),
    el('ul', { attrs: { id: 'session-list' } }),
  );
  const composer = el(
    'form',
    { attrs: { id: 'composer', hidden: '' } },
    el('textarea', {
      attrs: {
        id: 'input',
        rows: '2',
        'aria-label': 'Message (Enter sends, Shift+Enter starts a new line)',
        placeholder: 'Ask about your cluster or your AWS costs',
        title: 'Enter sends, Shift+Enter starts a new line',
      },
    }),
    el('button', { className: 'primary', text: 'Send', attrs: { id: 'send', type: 'submit' } }),
  );
  const tokenForm = el(
    'form',
    { attrs: { id: 'token-form', hidden: '' } },
    el('label', {
      text: 'This sre-agent wants an API token (SRE_API_TOKEN, or a user token made from it).',
      attrs: { for: 'token' },
    }),
    el('input', { attrs: { id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false' } }),
    el('button', { className: 'primary', text: 'Use token', attrs: { type: 'submit' } }),
    el('p', { className: 'hint', attrs: { id: 'token-error', role: 'alert' } }),
  );
  const chat = el(
    'main',
    { attrs: { id: 'chat' } },
    el('div', { attrs: { id: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' } }),
    tokenForm,
    composer,
  );
  const tools = el(
    'aside',
    { attrs: { id: 'tools-panel', 'aria-label': 'Tools', hidden: '' } },
    el(
      'div',
      { className: 'panel-head' },
      el('h2', { text: 'Tools' }),
      button('close-tools', '\u2715', { 'aria-label': 'Close tools', class: 'icon' }),
    ),
    el('p', {
      className: 'hint',
      text: 'Read-only tools run here directly, without the model. Tools that change state run only from the chat, after your approval.',
    }),
    el('input', {
      attrs: { id: 'tool-filter', type: 'search', placeholder: 'Filter tools', 'aria-label': 'Filter tools' },
    }),
    el('div', { attrs: { id: 'tool-list' } }),
  );
  root.replaceChildren(header, el('div', { className: 'columns' }, sessions, chat, tools));
}
