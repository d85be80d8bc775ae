import type { IncomingMessage } from 'node:http';
import type { RequestOptions } from 'node:https';
import { createGunzip } from 'node:zlib';
import type { KubeConfig } from '@kubernetes/client-node';

/** A GET's answer: status, headers, and the body to read once, as a stream or as text. */
export interface KubeResponse {
  status: number;
  headers: Record<string, string>;
  stream(): AsyncIterable<Uint8Array>;
  text(): Promise<string>;
}

export interface KubeGet {
  path: string;
  query?: Record<string, string | undefined> | undefined;
  accept: string;
}

/** As undici's fetch gave up on a silent server (its headers and body timeouts). */
const idleTimeoutMs = 300_000;
const userAgent = 'kubernetes-client-javascript (sre-k8s-mcp)';

/**
 * One GET to the context's API server over node:http(s), authenticated by the SDK's own
 * `applyToHTTPSOptions` (tokens, exec plugins, client certificates, CA, proxy agents: what its
 * watch and exec calls use), so the raw calls never run undici, the fetch stack the generated
 * clients send through: its module code alone took ~20 MB of RSS to run, and each page more (web
 * streams, a WebAssembly HTTP parser, a new dispatcher per request). With kube-config-plugin.ts,
 * ~14 MB less peak RSS listing 10,000 pods (bench/k8s-memory.ts).
 */
export async function kubeGet(kubeConfig: KubeConfig, request: KubeGet): Promise<KubeResponse> {
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  // As the generated clients join them: the cluster URL may carry a path (a proxy's prefix).
  const url = new URL(server + request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(name, value);
  }
  const options: RequestOptions = {
    headers: { Accept: request.accept, 'Accept-Encoding': 'gzip', 'User-Agent': userAgent },
  };
  await kubeConfig.applyToHTTPSOptions(options);
  // Loaded at the first call, as the SDK is: a stdio server's start-up never needs them.
  const transport = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = transport.get(url, options, resolve);
    outgoing.setTimeout(idleTimeoutMs, () =>
      outgoing.destroy(new Error(`The API server sent nothing for ${idleTimeoutMs / 1000} s`)),
    );
    outgoing.on('error', reject);
  });
  return answer(response);
}

function answer(response: IncomingMessage): KubeResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // Large lists come gzipped when asked (the API server's default for answers over 128 KB).
  const body = headers['content-encoding'] === 'gzip' ? response.pipe(createGunzip()) : response;
  if (body !== response) response.on('error', (error) => body.destroy(error));
  return {
    status: response.statusCode ?? 0,
    headers,
    stream: () => body,
    async text() {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
