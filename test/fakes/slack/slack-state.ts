// What the Slack fake holds between calls (channels' messages, reactions, uploads) and how each Web API
// method reads and changes it, with Slack's error codes for arguments that do not fit.
import { randomInt, randomUUID } from 'node:crypto';
import type { SharedFile } from './slack-fake.ts';

export interface StoredMessage {
  channel: string;
  ts: string;
  user?: string;
  bot_id?: string;
  text?: string;
  thread_ts?: string;
  blocks?: unknown[];
  attachments?: Array<{ title?: string; text?: string; fallback?: string }>;
  /** Emoji name -> users who reacted with it. */
  reactions: Map<string, Set<string>>;
}

type Answer = { ok: true; [key: string]: unknown } | { ok: false; error: string };
type Body = Record<string, unknown>;

export interface SlackState {
  files: SharedFile[];
  addMessage(message: Omit<StoredMessage, 'reactions'>): void;
  reactionsOn(channel: string, ts: string): string[];
  answer(method: string, body: Body): Answer;
  upload(id: string, bytes: Buffer): { ok: true } | { ok: false; error: string };
}

/** The bot's own user, as reactions it adds are recorded under. */
export const botUser = 'UBOT';

export function createSlackState(origin: string): SlackState {
  const messages: StoredMessage[] = [];
  const pending = new Map<string, { filename: string; length: number; bytes?: Buffer }>();
  const files: SharedFile[] = [];
  const find = (channel: unknown, ts: unknown) =>
    messages.find((message) => message.channel === channel && message.ts === ts);
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

  const post = (body: Body): Answer => {
    const channel = text(body.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (!text(body.text) && !Array.isArray(body.blocks)) return { ok: false, error: 'no_text' };
    const message: StoredMessage = {
      channel,
      ts: newTs(),
      bot_id: 'B0BOT',
      user: botUser,
      reactions: new Map(),
    };
    if (text(body.text)) message.text = String(body.text);
    if (text(body.thread_ts)) message.thread_ts = String(body.thread_ts);
    if (Array.isArray(body.blocks)) message.blocks = body.blocks;
    messages.push(message);
    return { ok: true, channel, ts: message.ts, message: view(message) };
  };

  const methods: Record<string, (body: Body) => Answer> = {
    'auth.test': () => ({ ok: true, user_id: botUser, team_id: 'T0001' }),
    'chat.postMessage': post,
    'chat.postEphemeral': (body) => {
      if (!text(body.channel)) return { ok: false, error: 'channel_not_found' };
      if (!text(body.user)) return { ok: false, error: 'user_not_in_channel' };
      if (!text(body.text) && !Array.isArray(body.blocks)) return { ok: false, error: 'no_text' };
      return { ok: true, message_ts: newTs() };
    },
    'chat.update': (body) => {
      const message = find(body.channel, body.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      if (message.user !== botUser) return { ok: false, error: 'cant_update_message' };
      if (!text(body.text) && !Array.isArray(body.blocks)) return { ok: false, error: 'no_text' };
      message.text = text(body.text);
      message.blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
      return { ok: true, channel: message.channel, ts: message.ts, text: message.text ?? '' };
    },
    'reactions.add': (body) => react(find(body.channel, body.timestamp), text(body.name), true),
    'reactions.remove': (body) => react(find(body.channel, body.timestamp), text(body.name), false),
    'conversations.history': (body) => {
      if (!text(body.channel)) return { ok: false, error: 'channel_not_found' };
      const top = messages.filter(
        (m) => m.channel === body.channel && (!m.thread_ts || m.thread_ts === m.ts),
      );
      const listed = window(top, body).sort((a, b) => Number(b.ts) - Number(a.ts));
      return { ok: true, messages: listed.slice(0, limitOf(body)).map(view), has_more: false };
    },
    'conversations.replies': (body) => {
      if (!text(body.channel)) return { ok: false, error: 'channel_not_found' };
      const asked = find(body.channel, body.ts);
      if (!asked) return { ok: false, error: 'thread_not_found' };
      const rootTs = asked.thread_ts ?? asked.ts;
      const root = find(body.channel, rootTs);
      const replies = messages.filter(
        (m) => m.channel === body.channel && m.thread_ts === rootTs && m.ts !== rootTs,
      );
      // The parent always comes first; the window and limit apply to the replies after it.
      const listed = window(replies, body).sort((a, b) => Number(a.ts) - Number(b.ts));
      const all = [...(root ? [root] : []), ...listed].slice(0, limitOf(body));
      return { ok: true, messages: all.map(view), has_more: false };
    },
    'files.getUploadURLExternal': (body) => {
      const length = Number(body.length);
      if (!text(body.filename) || !Number.isInteger(length) || length <= 0) {
        return { ok: false, error: 'invalid_arguments' };
      }
      const id = `F${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
      pending.set(id, { filename: String(body.filename), length });
      return { ok: true, upload_url: `${origin}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (body) => {
      const list = typeof body.files === 'string' ? safeJson(body.files) : body.files;
      if (!Array.isArray(list) || list.length === 0) return { ok: false, error: 'invalid_arguments' };
      const shared: SharedFile[] = [];
      for (const entry of list as Array<{ id?: unknown; title?: unknown }>) {
        const upload = typeof entry.id === 'string' ? pending.get(entry.id) : undefined;
        if (!upload?.bytes) return { ok: false, error: 'file_not_found' };
        const title = typeof entry.title === 'string' ? entry.title : upload.filename;
        shared.push({
          id: String(entry.id),
          filename: upload.filename,
          title,
          bytes: upload.bytes,
          channel: text(body.channel_id),
          threadTs: text(body.thread_ts),
        });
      }
      files.push(...shared);
      return { ok: true, files: shared.map(({ id, title }) => ({ id, title })) };
    },
  };

  return {
    files,
    addMessage: (message) => messages.push({ ...message, reactions: new Map() }),
    reactionsOn: (channel, ts) => [...(find(channel, ts)?.reactions.keys() ?? [])],
    answer: (method, body) => methods[method]?.(body) ?? { ok: false, error: 'unknown_method' },
    upload: (id, bytes) => {
      const upload = pending.get(id);
      if (!upload) return { ok: false, error: 'unknown upload' };
      if (bytes.byteLength !== upload.length) return { ok: false, error: 'length mismatch' };
      upload.bytes = bytes;
      return { ok: true };
    },
  };
}

function react(message: StoredMessage | undefined, name: string | undefined, add: boolean): Answer {
  if (!name) return { ok: false, error: 'invalid_name' };
  if (!message) return { ok: false, error: 'message_not_found' };
  const users = message.reactions.get(name) ?? new Set<string>();
  if (add === users.has(botUser)) return { ok: false, error: add ? 'already_reacted' : 'no_reaction' };
  if (add) users.add(botUser);
  else users.delete(botUser);
  if (users.size > 0) message.reactions.set(name, users);
  else message.reactions.delete(name);
  return { ok: true };
}

// oldest / latest bound the ts range, exclusive unless `inclusive` is true, as Slack's are.
function window(list: StoredMessage[], body: Body): StoredMessage[] {
  const inclusive = body.inclusive === true || body.inclusive === 'true' || body.inclusive === '1';
  const oldest = body.oldest === undefined ? Number.NEGATIVE_INFINITY : Number(body.oldest);
  const latest = body.latest === undefined ? Number.POSITIVE_INFINITY : Number(body.latest);
  return list.filter((message) => {
    const ts = Number(message.ts);
    return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
  });
}

function limitOf(body: Body): number {
  const limit = Number(body.limit ?? 100);
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, 999) : 100;
}

function view(message: StoredMessage) {
  const { reactions, ...rest } = message;
  const list = [...reactions].map(([name, users]) => ({ name, users: [...users], count: users.size }));
  return { type: 'message', ...rest, ...(list.length > 0 ? { reactions: list } : {}) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

let sequence = 0;
/** Slack's message ids: epoch seconds, a dot, six digits, unique per channel. */
function newTs(): string {
  sequence = (sequence + 1) % 1_000;
  return `${Math.floor(Date.now() / 1000)}.${String(randomInt(1_000)).padStart(3, '0')}${String(sequence).padStart(3, '0')}`;
}
