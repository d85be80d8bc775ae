import { envInteger, envList, parseEnv } from '@sre-agent/shared';
import { z } from 'zod';

export interface K8sConfig {
  /** KUBECONFIG (one path, or several joined by the path delimiter); unset means the defaults. */
  kubeconfigPath: string | undefined;
  /** Context used when a tool call names none; the kubeconfig's current context otherwise. */
  defaultContext: string | undefined;
  /** When non-empty, the only namespaces any tool may touch. */
  allowedNamespaces: string[];
  maxReplicas: number;
}

export const k8sEnvSchema = z.object({
  KUBECONFIG: z
    .string()
    .optional()
    .describe('Kubeconfig file(s); ~/.kube/config, then in-cluster, otherwise'),
  KUBE_CONTEXT: z.string().optional().describe('Default kubeconfig context'),
  SRE_NAMESPACES: envList().describe('Comma-separated allow-list of namespaces'),
  SRE_MAX_REPLICAS: envInteger(50, { min: 0, max: 10_000 }).describe('Upper bound for scale_deployment'),
});

export function parseK8sConfig(env: Record<string, string | undefined> = process.env): K8sConfig {
  const parsed = parseEnv(k8sEnvSchema, env);
  return {
    kubeconfigPath: parsed.KUBECONFIG,
    defaultContext: parsed.KUBE_CONTEXT,
    allowedNamespaces: parsed.SRE_NAMESPACES,
    maxReplicas: parsed.SRE_MAX_REPLICAS,
  };
}
