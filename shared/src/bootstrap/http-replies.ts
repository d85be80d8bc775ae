import type { IncomingMessage, ServerResponse } from 'node:http';

const maxBodyBytes = 4 * 1024 * 1024;

/** What readJson returns once it has answered the request itself (413 or 400). */
export const unreadable = Symbol('unreadable body');

/** The request's JSON body, or `unreadable` after answering a body that is too large or not JSON. */
export async function readJson(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<unknown | typeof unreadable> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) {
      sendRpcError(
        response,
        413,
        -32600,
        `Request too large: the body is over ${maxBodyBytes / 1024 / 1024} MiB`,
      );
      return unreadable;
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    sendRpcError(response, 400, -32700, 'Parse error: the body is not JSON');
    return unreadable;
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export function sendRpcError(response: ServerResponse, status: number, code: number, message: string) {
  sendJson(response, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}
