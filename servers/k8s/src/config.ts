import { emptyAsUnset, envInteger, envList, parseEnv } from '@sre-agent/shared';
import { z } from 'zod';
import { type K8sToolsetName, k8sToolsetNames } from './toolsets.js';

export interface K8sConfig {
  /** KUBECONFIG (one path, or several joined by the path delimiter); unset means the defaults. */
  kubeconfigPath: string | undefined;
  /** Context used when a tool call names none; the kubeconfig's current context otherwise. */
  defaultContext: string | undefined;
  /** When non-empty, the only namespaces any tool may touch. */
  allowedNamespaces: string[];
  maxReplicas: number;
  /** The tool groups offered (SRE_K8S_TOOLSETS); every one when unset. */
  toolsets: K8sToolsetName[];
}

export const k8sEnvSchema = z.object({
  // Empty means unset: compose and Helm write `KUBE_CONTEXT=` for "not chosen", not a context named "".
  KUBECONFIG: emptyAsUnset(z.string().optional()).describe(
    'Kubeconfig file(s); ~/.kube/config, then in-cluster, otherwise',
  ),
  KUBE_CONTEXT: emptyAsUnset(z.string().optional()).describe('Default kubeconfig context'),
  SRE_NAMESPACES: envList().describe('Comma-separated allow-list of namespaces'),
  SRE_MAX_REPLICAS: envInteger(50, { min: 0, max: 10_000 }).describe('Upper bound for scale_deployment'),
  SRE_K8S_TOOLSETS: envList()
    .transform((names, ctx) => {
      const unknown = names.filter((name) => !(k8sToolsetNames as readonly string[]).includes(name));
      // A typo must not silently leave a client without the tools it asked for.
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown toolset ${unknown.map((name) => `"${name}"`).join(', ')}; valid: ${k8sToolsetNames.join(', ')}`,
        });
        return z.NEVER;
      }
      return names.length === 0 ? [...k8sToolsetNames] : [...new Set(names as K8sToolsetName[])];
    })
    .describe(`Tool groups to offer, comma-separated (${k8sToolsetNames.join(',')}); all when unset`),
});

export function parseK8sConfig(env: Record<string, string | undefined> = process.env): K8sConfig {
  const parsed = parseEnv(k8sEnvSchema, env);
  return {
    kubeconfigPath: parsed.KUBECONFIG,
    defaultContext: parsed.KUBE_CONTEXT,
    allowedNamespaces: parsed.SRE_NAMESPACES,
    maxReplicas: parsed.SRE_MAX_REPLICAS,
    toolsets: parsed.SRE_K8S_TOOLSETS,
  };
}
