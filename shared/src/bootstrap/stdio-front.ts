// A stdio server's first ~150 ms go to loading the MCP SDK, zod and every tool's schema, all before
// `initialize` can be answered. Yet what a server answers to `initialize` and to the list requests
// depends only on its code and a few env variables, so the build records those answers
// (servers/record-handshake.ts) and this front, which loads nothing heavy, gives them while the rest
// loads. The loaded server is then replayed the client's `initialize` (so it knows the client's
// capabilities, elicitation included) and reads everything the client sent after it. Anything the
// recording does not cover (other env values, flags, an unknown protocol version, any other request)
// waits for the loaded server, which answers exactly as it always did. test/stdio-front.test.ts checks
// the recorded answers against the loaded server's, and that `inputs` lists every variable that matters.
import { readFileSync } from 'node:fs';
import { PassThrough, type Readable, Writable } from 'node:stream';

/** handshake.json beside the bundle: what the bundled server answered at build time. */
export interface RecordedHandshake {
  /** Env variables whose values change the answers; a variant applies only if all of them match it. */
  inputs: string[];
  /** The protocol versions the server accepts: `initialize` echoes the client's when it is one of them. */
  protocolVersions: string[];
  variants: RecordedVariant[];
}

export interface RecordedVariant {
  /** The values of `inputs` it was recorded with; unset ones are absent (empty counts as unset). */
  env: Record<string, string>;
  /** The `initialize` result minus `protocolVersion`. */
  initialize: Record<string, unknown>;
  /** Result by method: tools/list, and prompts/list or resources/list when the server has them. */
  lists: Record<string, unknown>;
}

/** What the loaded server reads from and writes to in place of process.stdin and process.stdout. */
export interface StdioStreams {
  input: Readable;
  output: Writable;
}

export interface StdioFront {
  /** Settles when the server should load: idle after the handshake, or a message only it can answer. */
  loadDue: Promise<void>;
  /** Call once, when the server connects: from then on it gets everything the client sends. */
  handOver(): StdioStreams;
}

export interface StdioFrontOptions {
  handshakeFile: URL;
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  stdin?: Readable;
  stdout?: Writable;
  /** Idle time after an answer before loading starts (a client sends the next list request at once). */
  idleMs?: number;
  /** The client closed stdin with nothing left to answer; the server has not loaded yet. */
  exit?: () => void;
}

interface Message {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

/** The id the replayed `initialize` carries: its answer was already given, so it is not sent again. */
const replayId = 'sre-agent:stdio-front:initialize';

/**
 * Starts answering the handshake on stdin/stdout, or returns undefined when the recording does not
 * apply (no handshake.json, command-line flags, env values it was not recorded with).
 */
export function openStdioFront(options: StdioFrontOptions): StdioFront | undefined {
  const argv = options.argv ?? process.argv.slice(2);
  if (argv.length > 0) return undefined;
  const recorded = readRecording(options.handshakeFile);
  const variant = recorded && matchingVariant(recorded, options.env ?? process.env);
  if (!recorded || !variant) return undefined;
  return new Front(recorded, variant, options).start();
}

function readRecording(file: URL): RecordedHandshake | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RecordedHandshake;
  } catch {
    return undefined; // not bundled (tsc output) or not recorded: the server answers everything itself
  }
}

function matchingVariant(
  recorded: RecordedHandshake,
  env: Record<string, string | undefined>,
): RecordedVariant | undefined {
  const setValue = (name: string) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  return recorded.variants.find((variant) =>
    recorded.inputs.every((name) => setValue(name) === variant.env[name]),
  );
}

class Front implements StdioFront {
  loadDue: Promise<void>;
  private dueNow: () => void = () => {};
  private stdin: Readable;
  private stdout: Writable;
  private idleMs: number;
  private idleTimer: NodeJS.Timeout | undefined;
  /** answering: the front answers what it can; deferring: the loaded server will; forwarding: it does. */
  private mode: 'answering' | 'deferring' | 'forwarding' = 'answering';
  private partial = '';
  /** Lines for the loaded server, in order: the replayed handshake, then what it must answer. */
  private queued: string[] = [];
  private input: PassThrough | undefined;
  private initializeAnswered = false;
  /** Client messages queued for the loaded server to answer (the replayed handshake aside). */
  private unanswered = 0;
  private ended = false;
  private exit: () => void;

  constructor(
    private recorded: RecordedHandshake,
    private variant: RecordedVariant,
    options: StdioFrontOptions,
  ) {
    this.stdin = options.stdin ?? process.stdin;
    this.stdout = options.stdout ?? process.stdout;
    this.idleMs = options.idleMs ?? 50;
    this.exit = options.exit ?? (() => process.exit(0));
    this.loadDue = new Promise((resolve) => {
      this.dueNow = resolve;
    });
  }

  start(): this {
    // Decoded here, so a character split across two reads stays whole.
    this.stdin.setEncoding('utf8');
    this.stdin.on('data', (chunk: string) => this.receive(chunk));
    this.stdin.on('end', () => {
      this.ended = true;
      if (this.input) return void this.input.end();
      // As a loaded server does when stdin closes, unless a request piped in before the close waits.
      if (this.unanswered === 0) return this.exit();
      this.defer();
    });
    this.armIdle(4 * this.idleMs); // a client slow to say `initialize` must not find the server unloaded
    return this;
  }

  handOver(): StdioStreams {
    if (this.input) throw new Error('the stdio front was already handed over');
    clearTimeout(this.idleTimer);
    this.mode = 'forwarding';
    const input = new PassThrough();
    this.input = input;
    for (const line of this.queued) input.write(`${line}\n`);
    if (this.partial) input.write(this.partial);
    this.queued = [];
    this.partial = '';
    if (this.ended) input.end();
    return { input, output: this.outputSwallowingReplay() };
  }

  private receive(text: string) {
    if (this.mode === 'forwarding') {
      this.input?.write(text);
      return;
    }
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.take(line.replace(/\r$/, ''));
  }

  private take(line: string) {
    if (this.mode === 'answering' && this.answer(line)) {
      this.armIdle(this.idleMs);
      return;
    }
    // Order matters from here on (a cancellation names an earlier request): the loaded server gets it all.
    this.queued.push(line);
    this.unanswered++;
    this.defer();
  }

  /** Answers one line if the recording covers it; false leaves it to the loaded server. */
  private answer(line: string): boolean {
    const message = parse(line);
    if (message?.jsonrpc !== '2.0') return false;
    if (message.method === 'initialize' && !this.initializeAnswered) return this.answerInitialize(message);
    if (!this.initializeAnswered) return false;
    if (message.method === 'notifications/initialized' && message.id === undefined) {
      this.queued.push(line);
      return true;
    }
    const list = typeof message.method === 'string' ? this.variant.lists[message.method] : undefined;
    if (list === undefined || !isId(message.id) || !isListParams(message.params)) return false;
    this.send({ jsonrpc: '2.0', id: message.id, result: list });
    return true;
  }

  private answerInitialize(message: Message): boolean {
    const params = message.params as Record<string, unknown> | undefined;
    const version = params?.protocolVersion;
    const clientInfo = params?.clientInfo as Record<string, unknown> | undefined;
    const wellFormed =
      isId(message.id) &&
      typeof version === 'string' &&
      this.recorded.protocolVersions.includes(version) &&
      isObject(params?.capabilities) &&
      typeof clientInfo?.name === 'string' &&
      typeof clientInfo.version === 'string';
    if (!wellFormed) return false;
    this.send({
      jsonrpc: '2.0',
      id: message.id,
      result: { protocolVersion: version, ...this.variant.initialize },
    });
    this.initializeAnswered = true;
    this.queued.push(JSON.stringify({ ...message, id: replayId }));
    return true;
  }

  private send(message: unknown) {
    this.stdout.write(`${JSON.stringify(message)}\n`);
  }

  private armIdle(ms: number) {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.defer(), ms);
    this.idleTimer.unref();
  }

  private defer() {
    clearTimeout(this.idleTimer);
    if (this.mode === 'answering') this.mode = 'deferring';
    this.dueNow();
  }

  /** process.stdout for the loaded server, minus its answer to the replayed `initialize`. */
  private outputSwallowingReplay(): Writable {
    let awaitingReplayAnswer = this.initializeAnswered;
    const stdout = this.stdout;
    return new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _encoding, done) {
        const text = chunk.toString();
        if (awaitingReplayAnswer && text.includes(replayId)) {
          const answer = parse(text);
          if (answer?.id === replayId) {
            awaitingReplayAnswer = false;
            if ('error' in answer) {
              // The front said yes to a handshake the server refuses: say so where operators look.
              process.stderr.write(
                `${JSON.stringify({ level: 'warn', msg: 'the server refused the initialize the stdio front answered', error: answer.error })}\n`,
              );
            }
            return done();
          }
        }
        stdout.write(chunk, (error) => done(error ?? null));
      },
    });
  }
}

function parse(line: string): (Message & Record<string, unknown>) | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(id: unknown): id is string | number {
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id));
}

/** The list requests' params the recording answers: none, or a cursor-free object (one page holds all). */
function isListParams(params: unknown): boolean {
  return params === undefined || (isObject(params) && params.cursor === undefined);
}
