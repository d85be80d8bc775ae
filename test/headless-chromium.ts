// Headless Chromium driven over the DevTools protocol with Node's own WebSocket (no driver library),
// for the browser tests. .ci/run installs Debian's chromium; locally a missing one is a loud skip.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';

const candidates = [process.env.SRE_TEST_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => Boolean(path),
);

/** The Chromium binary to drive, if this machine has one. */
export const chromium = candidates.find((path) => existsSync(path));

/** Why the browser tests cannot run here, for the loud skip. */
export const chromiumMissing = `no Chromium at ${candidates.join(' or ')}; install it (apt-get install chromium) or set SRE_TEST_CHROMIUM to a Chromium/Chrome binary`;

export interface Page {
  evaluate(expression: string): Promise<unknown>;
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** A raw DevTools-protocol command (Input.dispatchKeyEvent, Emulation.setDeviceMetricsOverride, ...). */
  send(method: string, params: Record<string, unknown>): Promise<unknown>;
  close(): void;
}

export async function openPage(url: string, profile: string): Promise<{ browser: ChildProcess; page: Page }> {
  const browser = spawn(
    chromium ?? 'chromium',
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--window-size=1400,900',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      url,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const port = await new Promise<string>((resolve, reject) => {
    let output = '';
    browser.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) resolve(match[1]!);
    });
    browser.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${output.slice(-500)}`)));
  });
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    type: string;
    webSocketDebuggerUrl: string;
  }>;
  const target = targets.find((candidate) => candidate.type === 'page')!;
  return { browser, page: await connect(target.webSocketDebuggerUrl) };
}

async function connect(wsUrl: string): Promise<Page> {
  const socket = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let nextId = 0;
  type Reply = { id?: number; result?: { result?: { value?: unknown }; data?: string }; error?: unknown };
  const waiting = new Map<number, (message: Reply) => void>();
  socket.onmessage = (message) => {
    const data = JSON.parse(String(message.data)) as Reply;
    if (data.id !== undefined) waiting.get(data.id)?.(data);
    if (data.id !== undefined) waiting.delete(data.id);
  };
  const send = (method: string, params: Record<string, unknown>) =>
    new Promise<Reply['result']>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, (reply) =>
        reply.error ? reject(new Error(JSON.stringify(reply.error))) : resolve(reply.result),
      );
      socket.send(JSON.stringify({ id, method, params }));
    });
  const evaluate = async (expression: string) =>
    (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }))?.result?.value;
  return {
    evaluate,
    waitFor: async (expression, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // During a navigation the old context goes away under us; that just means "not yet".
        if (
          await evaluate(
            `(() => { try { return Boolean(${expression}); } catch { return false; } })()`,
          ).catch(() => false)
        )
          return;
        if (Date.now() > deadline) {
          const seen = String(await evaluate('document.body.innerText').catch(() => '')).slice(0, 800);
          throw new Error(`timed out waiting for ${expression}; the page shows: ${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    screenshot: async (path) => {
      const shot = await send('Page.captureScreenshot', { format: 'png' });
      writeFileSync(path, Buffer.from(shot?.data ?? '', 'base64'));
    },
    send,
    close: () => socket.close(),
  };
}
