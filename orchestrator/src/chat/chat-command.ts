import { createInterface } from 'node:readline/promises';
import type { Logger } from '@sre-agent/shared';
import type { OrchestratorConfig } from '../config.js';
import { APP_NAME } from '../http/index.js';
import { createMcpHub } from '../mcp/mcp-hub.js';
import { createConfiguredModel } from '../model/create-model.js';
import { createRunner } from '../runner/runner.js';
import { openSessionStore } from '../store/index.js';
import { type ChatIo, runChat } from './chat-loop.js';

/** Wires the same store, MCP servers, model and runner as `serve`, for one person at a terminal. */
export async function chatCommand(
  config: OrchestratorConfig,
  logger: Logger,
  version: string,
): Promise<void> {
  const store = await openSessionStore(config.database, { logger });
  const hub = await createMcpHub({
    servers: config.mcpServers,
    logger,
    clientInfo: { name: 'sre-agent', version },
  });
  const { model, warning } = createConfiguredModel(config.model);
  if (warning) process.stderr.write(`sre-agent: ${warning}\n`);
  const { maxSteps, toolResultMaxChars, historyMaxChars, agentMode } = config;
  const runner = createRunner({
    store,
    model,
    hub,
    config: { agentName: APP_NAME, agentMode, maxSteps, toolResultMaxChars, historyMaxChars },
    logger,
  });
  const lines = createInterface({ input: process.stdin, output: process.stdout });
  try {
    await runChat({ runner, store, appName: APP_NAME, userId: chatUser(), io: terminalIo(lines) });
  } finally {
    lines.close();
    await hub.close();
    await store.close();
  }
}

function terminalIo(lines: ReturnType<typeof createInterface>): ChatIo {
  let ended = false;
  lines.once('close', () => {
    ended = true;
  });
  const question = (prompt: string) =>
    ended ? Promise.resolve(undefined) : lines.question(prompt).catch(() => undefined);
  return {
    read: question,
    write: (text) => process.stdout.write(text),
    async confirm(call) {
      // Lines piped in were written before the change was proposed: they cannot approve it.
      if (!process.stdin.isTTY) {
        process.stdout.write(`${call}\nnot applied: no terminal to ask on\n`);
        return false;
      }
      const answer = await question(`${call}\napply? [y/N] `);
      return /^y(es)?$/i.test(answer?.trim() ?? '');
    },
  };
}

function chatUser(): string {
  return process.env.USER ?? process.env.LOGNAME ?? 'cli';
}
