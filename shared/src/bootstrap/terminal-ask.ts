import { closeSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ReadStream, WriteStream } from 'node:tty';

/**
 * A yes/no question on the terminal of the person who ran the command, or undefined when there
 * is none (cron, CI, a process without a controlling terminal): then nobody can approve a write.
 * stdin is used when it is the terminal; otherwise /dev/tty, so `... | sre-k8s-mcp call` still asks.
 */
export function terminalAsk(): ((message: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY && !canOpenTerminal()) return undefined;
  return async (message) => {
    const streams = process.stdin.isTTY
      ? { input: process.stdin, output: process.stderr }
      : {
          input: new ReadStream(openSync('/dev/tty', 'r')),
          output: new WriteStream(openSync('/dev/tty', 'w')),
        };
    const lines = createInterface({ input: streams.input, output: streams.output, terminal: true });
    try {
      const answer = await lines.question(`${message}\napply? [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      lines.close();
      if (streams.input === process.stdin) process.stdin.pause();
      else {
        streams.input.destroy();
        streams.output.destroy();
      }
    }
  };
}

function canOpenTerminal(): boolean {
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return true;
  } catch {
    // ENXIO: no controlling terminal (detached, a daemon, CI); ENOENT: not a Unix.
    return false;
  }
}
