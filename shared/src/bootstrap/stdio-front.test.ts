import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStdioFront, type RecordedHandshake, type StdioFrontOptions } from './stdio-front.js';

const dir = mkdtempSync(join(tmpdir(), 'stdio-front-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tools = { tools: [{ name: 'list_pods', inputSchema: { type: 'object' } }] };
const recording: RecordedHandshake = {
  inputs: ['SRE_ALLOW_WRITES'],
  protocolVersions: ['2025-06-18', '2024-11-05'],
  variants: [
    {
      env: {},
      initialize: { capabilities: { tools: {} }, serverInfo: { name: 'demo', version: '1' } },
      lists: { 'tools/list': tools },
    },
  ],
};
const handshakeFile = pathToFileURL(join(dir, 'handshake.json'));
writeFileSync(handshakeFile, JSON.stringify(recording));

const initialize = (id: number | string, protocolVersion = '2025-06-18') => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: {
    protocolVersion,
    capabilities: { elicitation: {} },
    clientInfo: { name: 'client', version: '2' },
  },
});
const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
const line = (message: unknown) => `${JSON.stringify(message)}\n`;

function start(options: Partial<StdioFrontOptions> = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let written = '';
  stdout.on('data', (chunk: Buffer) => {
    written += chunk.toString();
  });
  let exited = false;
  const front = openStdioFront({
    handshakeFile,
    argv: [],
    env: {},
    stdin,
    stdout,
    idleMs: 20,
    exit: () => {
      exited = true;
    },
    ...options,
  });
  const answers = () =>
    written
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text) as Record<string, unknown>);
  return { front, stdin, stdout, answers, exited: () => exited };
}

/** Everything the loaded server would read from the handed-over input, as parsed lines. */
async function readAll(input: NodeJS.ReadableStream, settle = 30): Promise<unknown[]> {
  let text = '';
  input.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  await new Promise((resolve) => setTimeout(resolve, settle));
  return text
    .split('\n')
    .filter(Boolean)
    .map((part) => JSON.parse(part));
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('openStdioFront', () => {
  it('answers initialize (echoing the client version) and tools/list from the recording', async () => {
    const { front, stdin, answers } = start();
    stdin.write(
      line(initialize(1, '2024-11-05')) +
        line(initialized) +
        line({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    );
    await tick();
    expect(answers()).toEqual([
      {
        jsonrpc: '2.0',
        id: 1,
        result: { protocolVersion: '2024-11-05', ...recording.variants[0]?.initialize },
      },
      { jsonrpc: '2.0', id: 2, result: tools },
    ]);
    await front?.loadDue;
  });

  it('hands the loaded server the replayed handshake, then what came after, and hides its second answer', async () => {
    const { front, stdin, stdout, answers } = start();
    stdin.write(
      line(initialize(7)) + line(initialized) + line({ jsonrpc: '2.0', id: 8, method: 'tools/list' }),
    );
    await front?.loadDue; // idle after the answers
    stdin.write(line({ jsonrpc: '2.0', id: 9, method: 'ping' }));
    await tick();
    const handed = front?.handOver();
    if (!handed) throw new Error('no front');
    stdin.write(line({ jsonrpc: '2.0', id: 10, method: 'tools/call', params: { name: 'list_pods' } }));
    const read = await readAll(handed.input);
    expect(read).toEqual([
      { ...initialize(7), id: 'sre-agent:stdio-front:initialize' },
      initialized,
      { jsonrpc: '2.0', id: 9, method: 'ping' },
      { jsonrpc: '2.0', id: 10, method: 'tools/call', params: { name: 'list_pods' } },
    ]);
    // The loaded server's answer to the replay is not sent twice; its other answers are.
    handed.output.write(line({ jsonrpc: '2.0', id: 'sre-agent:stdio-front:initialize', result: {} }));
    handed.output.write(line({ jsonrpc: '2.0', id: 9, result: {} }));
    await tick();
    expect(answers().map((answer) => answer.id)).toEqual([7, 8, 9]);
    expect(stdout.writableEnded).toBe(false);
  });

  it('leaves to the loaded server what the recording does not cover, in order', async () => {
    for (const first of [
      initialize(1, '1999-01-01'), // a version the SDK would answer with its latest
      { jsonrpc: '2.0', id: 1, method: 'tools/list' }, // before initialize
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18' } }, // no clientInfo
    ]) {
      const { front, stdin, answers } = start();
      stdin.write(line(first) + line({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
      await front?.loadDue;
      expect(answers()).toEqual([]);
      const handed = front?.handOver();
      if (!handed) throw new Error('no front');
      expect(await readAll(handed.input)).toEqual([first, { jsonrpc: '2.0', id: 2, method: 'tools/list' }]);
    }
  });

  it('stops answering at the first message it cannot answer, so no later answer overtakes it', async () => {
    const { front, stdin, answers } = start();
    stdin.write(
      `${line(initialize(1))}not json\n${line({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { cursor: 'x' } })}${line({ jsonrpc: '2.0', id: 3, method: 'tools/list' })}`,
    );
    await front?.loadDue;
    expect(answers().map((answer) => answer.id)).toEqual([1]);
    const handed = front?.handOver();
    if (!handed) throw new Error('no front');
    let text = '';
    handed.input.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(text.split('\n').slice(1, 4)).toEqual([
      'not json',
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { cursor: 'x' } }),
      JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
    ]);
  });

  it('keeps a character whole when a read splits it', async () => {
    const { front, stdin } = start();
    const bytes = Buffer.from(line({ jsonrpc: '2.0', id: 1, method: 'x', params: { name: 'Zürich ✓' } }));
    const split = bytes.indexOf(Buffer.from('ü')) + 1; // inside the two-byte ü
    stdin.write(bytes.subarray(0, split));
    stdin.write(bytes.subarray(split));
    await front?.loadDue;
    const handed = front?.handOver();
    if (!handed) throw new Error('no front');
    expect(await readAll(handed.input)).toEqual([
      { jsonrpc: '2.0', id: 1, method: 'x', params: { name: 'Zürich ✓' } },
    ]);
  });

  it('exits when the client leaves with nothing to answer, and loads first when a request is waiting', async () => {
    const idle = start();
    idle.stdin.end(
      line(initialize(1)) + line(initialized) + line({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    );
    await tick();
    expect(idle.exited()).toBe(true);

    const piped = start();
    piped.stdin.end(
      line(initialize(1)) + line({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'x' } }),
    );
    await piped.front?.loadDue;
    expect(piped.exited()).toBe(false);
    const handed = piped.front?.handOver();
    if (!handed) throw new Error('no front');
    const ended = new Promise((resolve) => handed.input.on('end', resolve));
    expect((await readAll(handed.input)).at(-1)).toMatchObject({ id: 2, method: 'tools/call' });
    await ended;
  });

  it('is not used with flags, other values of the recorded inputs, or no recording', () => {
    expect(start({ argv: ['--allow-writes'] }).front).toBeUndefined();
    expect(start({ env: { SRE_ALLOW_WRITES: 'true' } }).front).toBeUndefined();
    expect(start({ handshakeFile: pathToFileURL(join(dir, 'missing.json')) }).front).toBeUndefined();
    // Empty means unset, as the env parser reads it; variables not among the inputs do not matter.
    expect(start({ env: { SRE_ALLOW_WRITES: ' ', LOG_LEVEL: 'debug' } }).front).toBeDefined();
  });
});
