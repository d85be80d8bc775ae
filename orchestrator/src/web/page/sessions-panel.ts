// The session list: newest first, each opened, renamed (its `title` in the session's state) or deleted
// (after a second, explicit click) from its own row.
import type { Api } from './api.js';
import { el, errorText } from './dom.js';
import type { Session } from './types.js';

export interface SessionsPanelDeps {
  api: Api;
  list: HTMLElement;
  current(): string;
  open(id: string): void;
  /** The open session was deleted. */
  deleted(id: string): void;
  error(message: string): void;
}

export interface SessionsPanel {
  refresh(): Promise<void>;
}

export function titleOf(session: Session): string {
  const title = session.state?.title;
  if (typeof title === 'string' && title.trim()) return title;
  const when = session.lastUpdateTime ? new Date(session.lastUpdateTime * 1000) : undefined;
  return when ? `Chat of ${when.toLocaleString()}` : `Chat ${session.id.slice(0, 8)}`;
}

export function createSessionsPanel(deps: SessionsPanelDeps): SessionsPanel {
  const refresh = async () => {
    try {
      const sessions = await deps.api.listSessions();
      sessions.sort((a, b) => (b.lastUpdateTime ?? 0) - (a.lastUpdateTime ?? 0));
      deps.list.replaceChildren(...sessions.map(row));
    } catch (error) {
      deps.error(`Sessions: ${errorText(error)}`);
    }
  };

  const row = (session: Session): HTMLElement => {
    const title = titleOf(session);
    const current = session.id === deps.current();
    const open = el('button', {
      className: 'session-open',
      text: title,
      attrs: { type: 'button', title, ...(current ? { 'aria-current': 'true' } : {}) },
    });
    const rename = el('button', {
      className: 'icon',
      text: '\u270E',
      attrs: { type: 'button', 'aria-label': `Rename ${title}`, title: 'Rename' },
    });
    const remove = el('button', {
      className: 'icon',
      text: '\u2715',
      attrs: { type: 'button', 'aria-label': `Delete ${title}`, title: 'Delete' },
    });
    const item = el(
      'li',
      { className: `session${current ? ' current' : ''}`, attrs: { 'data-id': session.id } },
      open,
      rename,
      remove,
    );
    open.addEventListener('click', () => deps.open(session.id));
    rename.addEventListener('click', () => startRename(item, session, title));
    remove.addEventListener('click', () => askDelete(item, session, title));
    return item;
  };

  const startRename = (item: HTMLElement, session: Session, title: string) => {
    const input = el('input', { className: 'rename', attrs: { 'aria-label': 'New name', maxlength: '120' } });
    input.value = session.state?.title === undefined ? '' : title;
    let done = false;
    const save = async () => {
      // Enter saves, and the refresh that follows takes the input away, which blurs it: save once.
      if (done) return;
      done = true;
      const name = input.value.trim();
      if (name) {
        await deps.api.setTitle(session.id, name).catch((error: unknown) => deps.error(errorText(error)));
      }
      await refresh();
    };
    input.addEventListener('keydown', (key) => {
      if (key.key === 'Enter') void save();
      if (key.key === 'Escape') {
        done = true;
        void refresh();
      }
    });
    input.addEventListener('blur', () => void save(), { once: true });
    item.replaceChildren(input);
    input.focus();
    input.select();
  };

  const askDelete = (item: HTMLElement, session: Session, title: string) => {
    const yes = el('button', { className: 'danger', text: 'Delete', attrs: { type: 'button' } });
    const no = el('button', { text: 'Keep', attrs: { type: 'button' } });
    item.replaceChildren(el('span', { className: 'ask', text: `Delete \u201c${title}\u201d?` }), yes, no);
    no.addEventListener('click', () => void refresh());
    yes.addEventListener('click', async () => {
      try {
        await deps.api.deleteSession(session.id);
        if (session.id === deps.current()) deps.deleted(session.id);
      } catch (error) {
        deps.error(errorText(error));
      }
      await refresh();
    });
    no.focus();
  };

  return { refresh };
}
