// The web chat page: a session per chat (the list on the left, the open one remembered in localStorage),
// turns over /run_sse with streaming, confirmations answered with a functionResponse, a tools panel, and
// a bearer token asked for when the API answers 401.
import { ApiError, createApi, userIdFor } from './api.js';
import { CONFIRM, createChatLog } from './chat-log.js';
import { byId, errorText, short } from './dom.js';
import { buildLayout } from './layout.js';
import { createSessionsPanel } from './sessions-panel.js';
import { createToolsPanel } from './tools-panel.js';
import type { Part } from './types.js';

const saved = window.localStorage;
buildLayout(byId('app'));
const api = createApi();
api.token = saved.getItem('sre.token') ?? '';
const page = { sessionId: saved.getItem('sre.sessionId') ?? '', busy: false, titled: false };

const input = byId<HTMLTextAreaElement>('input');
const composer = byId<HTMLFormElement>('composer');
const tokenForm = byId<HTMLFormElement>('token-form');
const toolsPanel = byId('tools-panel');
const toggleTools = byId<HTMLButtonElement>('toggle-tools');
const toggleSessions = byId<HTMLButtonElement>('toggle-sessions');
const setStatus = (text: string) => {
  byId('status').textContent = text;
};

const chat = createChatLog({
  log: byId('log'),
  answer: (id, confirmed) => {
    chat.answered(id, confirmed);
    void send([{ functionResponse: { id, name: CONFIRM, response: { confirmed } } }]);
  },
  loadImage: (filename, version) => api.artifact(page.sessionId, filename, version),
});
const sessions = createSessionsPanel({
  api,
  list: byId('session-list'),
  current: () => page.sessionId,
  open: (id) => void guard(() => openSession(id)),
  deleted: () => void guard(newSession),
  error: (message) => chat.renderError('SESSIONS', message),
});
const tools = createToolsPanel(api, byId('tool-list'), byId<HTMLInputElement>('tool-filter'));

function askToken(message: string) {
  composer.hidden = true;
  tokenForm.hidden = false;
  byId('token-error').textContent = message;
  byId('token').focus();
}

/** Runs a step of the page, turning a refused token into the token form and anything else into an error. */
async function guard(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) askToken('The API asks for a (valid) token.');
    else if (error instanceof ApiError) chat.renderError(`HTTP ${error.status}`, error.message);
    else chat.renderError('NETWORK', errorText(error));
  }
}

async function start() {
  try {
    await api.listApps();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return askToken(api.token ? 'That token was refused.' : '');
    }
    throw error;
  }
  tokenForm.hidden = true;
  composer.hidden = false;
  byId('forget-token').hidden = !api.token;
  api.userId = userIdFor(api.token, saved);
  const resumed = page.sessionId !== '' && (await openSession(page.sessionId).catch(() => false));
  if (!resumed) await newSession();
}

async function openSession(id: string): Promise<boolean> {
  const session = await api.getSession(id).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  });
  if (session === undefined) return false;
  showSession(session.id, typeof session.state?.title === 'string');
  for (const event of session.events ?? []) chat.renderEvent(event);
  await sessions.refresh();
  return true;
}

async function newSession() {
  const session = await api.createSession();
  showSession(session.id, false);
  await sessions.refresh();
}

function showSession(id: string, titled: boolean) {
  page.sessionId = id;
  page.titled = titled;
  saved.setItem('sre.sessionId', id);
  chat.clear();
  setStatus(`session ${id} \u00b7 ${api.userId}`);
  document.body.classList.remove('sessions-open');
  toggleSessions.setAttribute('aria-expanded', 'false');
  input.focus();
}

function setBusy(busy: boolean) {
  page.busy = busy;
  byId<HTMLButtonElement>('send').disabled = busy;
  chat.setBusy(busy);
}

async function send(parts: Part[]) {
  if (page.busy) return;
  setBusy(true);
  const sessionId = page.sessionId;
  await guard(() =>
    api.run(sessionId, parts, (event) => {
      if (event.error) chat.renderError('STREAM', event.error);
      else if (page.sessionId === sessionId) chat.renderEvent(event);
    }),
  );
  setBusy(false);
  // Focus left on a button the turn disabled (Approve, Send) goes back to the message box.
  const focused = document.activeElement;
  if (focused === null || focused === document.body || (focused as HTMLButtonElement).disabled) input.focus();
  // A session is named after its first question, until someone renames it.
  const first = parts.find((part) => part.text)?.text;
  if (first && !page.titled && page.sessionId === sessionId) {
    page.titled = true;
    await guard(() => api.setTitle(sessionId, short(first.replace(/\s+/g, ' '), 60)));
  }
  await sessions.refresh();
}

function setToolsOpen(open: boolean) {
  toolsPanel.hidden = !open;
  toggleTools.setAttribute('aria-expanded', String(open));
  if (open) {
    void tools.load();
    byId('tool-filter').focus();
  } else toggleTools.focus();
}

composer.addEventListener('submit', (submit) => {
  submit.preventDefault();
  const text = input.value.trim();
  if (!text || page.busy) return;
  input.value = '';
  chat.renderUser(text);
  void send([{ text }]);
});
input.addEventListener('keydown', (key) => {
  if (key.key === 'Enter' && !key.shiftKey && !key.isComposing) {
    key.preventDefault();
    composer.requestSubmit();
  }
});
tokenForm.addEventListener('submit', (submit) => {
  submit.preventDefault();
  api.token = byId<HTMLInputElement>('token').value.trim();
  saved.setItem('sre.token', api.token);
  void guard(start);
});
byId('new-chat').addEventListener('click', () => {
  if (!page.busy) void guard(newSession);
});
byId('forget-token').addEventListener('click', () => {
  saved.removeItem('sre.token');
  api.token = '';
  void guard(start);
});
toggleTools.addEventListener('click', () =>
  setToolsOpen(toggleTools.getAttribute('aria-expanded') !== 'true'),
);
byId('close-tools').addEventListener('click', () => setToolsOpen(false));
toggleSessions.addEventListener('click', () => {
  const open = document.body.classList.toggle('sessions-open');
  toggleSessions.setAttribute('aria-expanded', String(open));
  if (open) byId('new-chat').focus();
});
document.addEventListener('keydown', (key) => {
  if (key.key !== 'Escape') return;
  if (!toolsPanel.hidden) setToolsOpen(false);
  else if (document.body.classList.contains('sessions-open')) toggleSessions.click();
});
void guard(start);
