import type { AppsV1Api, AutoscalingV2Api, BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ToolError } from '@sre-agent/shared';
import type { K8sConfig } from './config.js';

/** The API clients for one kubeconfig context. The only module that loads the Kubernetes SDK. */
export interface KubeApis {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  autoscaling: AutoscalingV2Api;
  context: string;
  /** API server URL, named in errors so an operator knows which cluster failed. */
  server: string;
}

export interface KubeClientProvider {
  /** Clients for the given context, the configured default, or the kubeconfig's current one. */
  forContext(context?: string): Promise<KubeApis>;
}

/**
 * Loads `@kubernetes/client-node` and the kubeconfig on first use, not at start-up: the SDK
 * takes hundreds of milliseconds to import, and `initialize` must be answered at once.
 */
export function createKubeClientProvider(config: K8sConfig): KubeClientProvider {
  let loaded: Promise<{ sdk: typeof import('@kubernetes/client-node'); kubeConfig: KubeConfig }> | undefined;
  const cache = new Map<string, KubeApis>();
  const load = () => {
    loaded ??= loadKubeConfig(config).catch((error: unknown) => {
      loaded = undefined; // a fixed kubeconfig should work without a restart
      throw error;
    });
    return loaded;
  };
  return {
    async forContext(requested) {
      const { sdk, kubeConfig } = await load();
      const context = requested ?? config.defaultContext ?? kubeConfig.getCurrentContext();
      const cached = cache.get(context);
      if (cached) return cached;
      const apis = makeApis(sdk, kubeConfig, context);
      cache.set(context, apis);
      return apis;
    },
  };
}

async function loadKubeConfig(config: K8sConfig) {
  const sdk = await import('@kubernetes/client-node');
  const kubeConfig = new sdk.KubeConfig();
  try {
    const paths = config.kubeconfigPath?.split(pathDelimiter).filter(Boolean) ?? [];
    if (paths.length === 1 && paths[0]) kubeConfig.loadFromFile(paths[0]);
    else kubeConfig.loadFromDefault();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolError(
      `Could not load the kubeconfig (${config.kubeconfigPath ?? '~/.kube/config or in-cluster'}): ${reason}.`,
      'Set KUBECONFIG to a valid file, or run the server inside a pod with a service account.',
    );
  }
  if (kubeConfig.getContexts().length === 0) {
    throw new ToolError(
      'The kubeconfig has no contexts.',
      'Set KUBECONFIG to a kubeconfig with at least one context (kubectl config get-contexts).',
    );
  }
  return { sdk, kubeConfig };
}

const pathDelimiter = process.platform === 'win32' ? ';' : ':';

function makeApis(
  sdk: typeof import('@kubernetes/client-node'),
  base: KubeConfig,
  context: string,
): KubeApis {
  const names = base.getContexts().map((entry) => entry.name);
  if (!names.includes(context)) {
    throw new ToolError(
      `Kubeconfig context "${context}" does not exist.`,
      `Known contexts: ${names.join(', ')}. Pass one of them as \`context\`, or set KUBE_CONTEXT.`,
    );
  }
  // A copy per other context, so switching context for one call never changes another's.
  // The current context keeps the original (an in-cluster config does not survive a copy).
  const kubeConfig = context === base.getCurrentContext() ? base : new sdk.KubeConfig();
  if (kubeConfig !== base) {
    kubeConfig.loadFromString(base.exportConfig());
    kubeConfig.setCurrentContext(context);
  }
  return {
    core: kubeConfig.makeApiClient(sdk.CoreV1Api),
    apps: kubeConfig.makeApiClient(sdk.AppsV1Api),
    batch: kubeConfig.makeApiClient(sdk.BatchV1Api),
    autoscaling: kubeConfig.makeApiClient(sdk.AutoscalingV2Api),
    context,
    server: kubeConfig.getCurrentCluster()?.server ?? '(unknown server)',
  };
}
