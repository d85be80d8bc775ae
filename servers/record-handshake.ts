// Records what a bundled server answers to `initialize` and the list requests, for each env variant
// in handshake-inputs.ts, by running the bundle itself over stdio: handshake.json is then, by
// construction, what the shipped code answers. bundle.ts calls this right after bundling.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { RecordedHandshake, RecordedVariant } from '../shared/src/bootstrap/stdio-front.ts';
import type { HandshakeInputs } from './handshake-inputs.ts';

export async function recordHandshake(main: string, spec: HandshakeInputs): Promise<RecordedHandshake> {
  const variants = await Promise.all(spec.recordedEnvs.map((env) => recordVariant(main, env)));
  return { inputs: [...spec.inputs], protocolVersions: [...SUPPORTED_PROTOCOL_VERSIONS], variants };
}

interface Answer {
  id: number;
  result?: Record<string, unknown>;
  error?: unknown;
}

async function recordVariant(main: string, env: Record<string, string>): Promise<RecordedVariant> {
  // An empty HOME: no kubeconfig or AWS profile of the machine that builds can reach the answers.
  const home = mkdtempSync(join(tmpdir(), 'record-handshake-'));
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', HOME: home, LOG_LEVEL: 'error', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const answers = new Map<number, (answer: Answer) => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as Answer;
    answers.get(answer.id)?.(answer);
  });
  let nextId = 1;
  const ask = (method: string, params?: unknown) => {
    const id = nextId++;
    const answered = new Promise<Answer>((resolve, reject) => {
      answers.set(id, resolve);
      child.once('exit', (code) => reject(new Error(`${main} exited (${code}) before answering ${method}`)));
    });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) })}\n`);
    return answered;
  };
  try {
    const initialize = await ask('initialize', {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'record-handshake', version: '1' },
    });
    if (!initialize.result)
      throw new Error(`${main} refused initialize: ${JSON.stringify(initialize.error)}`);
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    const { protocolVersion: _echoed, ...result } = initialize.result;
    const capabilities = (result.capabilities ?? {}) as Record<string, unknown>;
    const methods = [
      'tools/list',
      ...(capabilities.prompts ? ['prompts/list'] : []),
      ...(capabilities.resources ? ['resources/list', 'resources/templates/list'] : []),
    ];
    const lists: Record<string, unknown> = {};
    for (const method of methods) {
      const answer = await ask(method);
      if (answer.result) lists[method] = answer.result;
    }
    return { env, initialize: result, lists };
  } finally {
    child.kill();
    rmSync(home, { recursive: true, force: true });
  }
}
