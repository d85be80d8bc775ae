import { ConfigError } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import { parseK8sConfig } from './config.js';
import { createKubeClientProvider } from './kube-client.js';
import { k8sTools } from './toolsets.js';

describe('SRE_K8S_TOOLSETS', () => {
  it('offers every toolset when unset or empty', () => {
    expect(parseK8sConfig({}).toolsets).toEqual(['core', 'diagnose', 'rollout', 'generic']);
    expect(parseK8sConfig({ SRE_K8S_TOOLSETS: '' }).toolsets).toEqual([
      'core',
      'diagnose',
      'rollout',
      'generic',
    ]);
  });

  it('keeps only the named ones, once each', () => {
    expect(parseK8sConfig({ SRE_K8S_TOOLSETS: ' generic, core ,generic' }).toolsets).toEqual([
      'generic',
      'core',
    ]);
  });

  it('refuses an unknown name and lists the valid ones', () => {
    const parse = () => parseK8sConfig({ SRE_K8S_TOOLSETS: 'core,diagnosis' });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(
      /SRE_K8S_TOOLSETS: unknown toolset "diagnosis"; valid: core, diagnose, rollout, generic/,
    );
  });

  it('decides which tools the server builds', () => {
    const config = parseK8sConfig({ SRE_K8S_TOOLSETS: 'core' });
    const deps = { kube: createKubeClientProvider(config), config, now: () => new Date() };
    const core = k8sTools(deps, config.toolsets).map((tool) => tool.name);
    const all = k8sTools(deps).map((tool) => tool.name);
    expect(core).toContain('list_namespaces');
    expect(core).not.toContain('search_logs');
    expect(all).toContain('search_logs');
  });
});

describe('KUBECONFIG and KUBE_CONTEXT', () => {
  it('read empty as unset, as compose writes `KUBE_CONTEXT=` (the current context, not one named "")', () => {
    expect(parseK8sConfig({ KUBECONFIG: '', KUBE_CONTEXT: ' ' })).toMatchObject({
      kubeconfigPath: undefined,
      defaultContext: undefined,
    });
    expect(parseK8sConfig({ KUBE_CONTEXT: 'prod-eu' }).defaultContext).toBe('prod-eu');
  });
});
