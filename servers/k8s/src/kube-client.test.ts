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
});
