import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ToolError } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import { createKubeClientProvider } from './kube-client.js';

describe('createKubeClientProvider', () => {
  it('says where a malformed kubeconfig is wrong without quoting its credentials', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kubeconfig-')), 'config');
    // The YAML parser's message quotes the lines around the error: here, the token.
    writeFileSync(
      path,
      'apiVersion: v1\nusers:\n- name: u\n  user:\n    token: SUPERSECRETTOKEN123\n    bad: [unclosed\ncontexts: []\n',
    );
    const provider = createKubeClientProvider({ kubeconfigPath: path, defaultContext: undefined });
    const error = await provider.forContext().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolError);
    const text = (error as ToolError).toText();
    expect(text).toMatch(/Could not load the kubeconfig .*: .*\(\d+:\d+\)\./);
    expect(text).not.toContain('SUPERSECRETTOKEN123');
  });

  it('says no kubeconfig was found, where it looked and how to point at one', async () => {
    const home = mkdtempSync(join(tmpdir(), 'empty-home-'));
    const serviceAccountToken = join(home, 'no-such-token');
    const provider = createKubeClientProvider(
      { kubeconfigPath: undefined, defaultContext: undefined },
      { home, serviceAccountToken },
    );
    const error = await provider.forContext().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolError);
    const text = (error as ToolError).toText();
    expect(text).toContain(
      `No kubeconfig found: KUBECONFIG is not set, ${join(home, '.kube', 'config')} does not exist, and this is not a pod with a service account (no ${serviceAccountToken}).`,
    );
    expect(text).toContain('Start the server with KUBECONFIG=/path/to/kubeconfig');
    expect(text).not.toContain('skipTLSVerify');
  });
});
