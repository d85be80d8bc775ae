// A new user's first run: the built server started with no KUBECONFIG, an empty HOME and no
// in-cluster service account. The first call must say what is missing and how to fix it, and
// the log must not carry a stack for a failure this ordinary.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const built = fileURLToPath(new URL('../servers/k8s/dist/main.js', import.meta.url));
const main = fileURLToPath(new URL('../servers/k8s/bin/sre-k8s-mcp.js', import.meta.url));
const serviceAccountToken = '/var/run/secrets/kubernetes.io/serviceaccount/token';
let home: string;

beforeAll(() => {
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  home = mkdtempSync(join(tmpdir(), 'k8s-empty-home-'));
});
afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('sre-k8s-mcp without any kubeconfig', () => {
  it.skipIf(existsSync(serviceAccountToken))(
    'answers list_namespaces with where it looked and how to point at a kubeconfig, and logs no stack',
    async () => {
      // Only PATH and HOME: KUBECONFIG and KUBERNETES_SERVICE_HOST are unset.
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [main],
        env: { PATH: process.env.PATH ?? '', HOME: home, LOG_LEVEL: 'debug' },
        stderr: 'pipe',
      });
      let stderr = '';
      transport.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const client = new Client({ name: 'new-user', version: '1.0.0' });
      await client.connect(transport);
      let result: CallToolResult;
      try {
        result = (await client.callTool({ name: 'list_namespaces', arguments: {} })) as CallToolResult;
      } finally {
        await client.close(); // the server exits, so its whole log has been read
      }
      const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
      expect(result.isError).toBe(true);
      expect(text).toContain(
        `No kubeconfig found: KUBECONFIG is not set, ${join(home, '.kube', 'config')} does not exist, and this is not a pod with a service account (no ${serviceAccountToken}).`,
      );
      expect(text).toContain('Start the server with KUBECONFIG=/path/to/kubeconfig');
      expect(text).not.toContain('skipTLSVerify');
      expect(stderr).toContain('"msg":"serving on stdio"');
      expect(stderr).not.toMatch(/\bat .*\.js:\d+:\d+/);
      expect(stderr).not.toContain('failed unexpectedly');
    },
  );
});
