import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type {
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  ConfigurationOptions,
  CoreV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import { ToolError } from '@sre-agent/shared';
import type { K8sConfig } from './config.js';
import { kubeGet } from './kube-http.js';
import type { KubeListPage, PageQuery } from './list-all.js';
import { readListStream } from './list-stream.js';
import { retryingReads, retryRead } from './read-retry.js';

/**
 * An object as it arrives on the wire: the SDK's models turn timestamps into Dates, raw pages
 * keep them as strings. Model objects fit this type too, so code written against it takes both.
 */
export type Wire<T> = T extends Date
  ? Date | string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/**
 * One page of a list path (`/api/v1/pods`), parsed as plain JSON item by item. With `onItem`, each
 * item goes there as it arrives and `items` comes back empty: the page is never held whole.
 */
export type RawList = <T>(
  path: string,
  query: PageQuery,
  onItem?: (item: Wire<T>) => void,
) => Promise<KubeListPage<Wire<T>>>;

/** The API clients for one kubeconfig context. The only module that loads the Kubernetes SDK. */
export interface KubeApis {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  autoscaling: AutoscalingV2Api;
  /**
   * Lists without the SDK's model objects, for lists walked in full: on 10,000 pods, building
   * the models costs about a third of the time and memory. Same authentication, same errors.
   */
  rawList: RawList;
  /**
   * Any GET path (discovery documents, Table lists, objects of any kind), parsed as JSON, with
   * the same authentication and errors as the generated clients.
   */
  rawGet: RawGet;
  /**
   * Options for a generated client's call that abort its HTTP request when `signal` aborts (a write's
   * deadline), so a hung request is cut off instead of landing after the tool gave up.
   */
  abortOn(signal: AbortSignal): ConfigurationOptions;
  context: string;
  /** API server URL, named in errors so an operator knows which cluster failed. */
  server: string;
}

/** What raw calls need of a context, without the generated clients (see `KubeClientProvider.rawForContext`). */
export type KubeRaw = Pick<KubeApis, 'rawList' | 'rawGet' | 'context' | 'server'>;

export type RawGet = (
  path: string,
  options?: { accept?: string; query?: Record<string, string | undefined> },
) => Promise<unknown>;

/** One kubeconfig context as list_contexts shows it (never its user's credentials). */
export interface KubeContextInfo {
  name: string;
  cluster: string;
  /** The cluster's API server URL. */
  server: string;
  namespace: string | undefined;
  /** The kubeconfig's current-context. */
  current: boolean;
  /** The one tools use when a call names none: KUBE_CONTEXT, else the current one. */
  default: boolean;
}

export interface KubeClientProvider {
  /** Clients for the given context, the configured default, or the kubeconfig's current one. */
  forContext(context?: string): Promise<KubeApis>;
  /**
   * Raw calls only, for tools that need no generated client: this never loads the SDK's
   * generated API classes (~17 MB of JavaScript, ~75 MB of RSS once loaded).
   */
  rawForContext(context?: string): Promise<KubeRaw>;
  /** Every context of the kubeconfig as it is on disk now. */
  contexts(): Promise<KubeContextInfo[]>;
  /**
   * The namespace a call without one uses, as kubectl picks it: the context's `namespace` (in a
   * pod, the SDK fills it from the service account's namespace file), else "default". Read from
   * the kubeconfig only: no API call.
   */
  namespaceOf(context?: string): Promise<string>;
}

/**
 * Loads `@kubernetes/client-node` and the kubeconfig on first use, not at start-up: the SDK
 * takes hundreds of milliseconds to import, and `initialize` must be answered at once.
 */
export function createKubeClientProvider(
  config: Pick<K8sConfig, 'kubeconfigPath' | 'defaultContext'>,
  where: KubeconfigSearch = {},
): KubeClientProvider {
  let loaded: Promise<Loaded> | undefined;
  const cache = new Map<string, ContextEntry>();
  const load = async (): Promise<Loaded> => {
    const current = await loaded?.catch(() => undefined);
    // Short-lived credentials and new contexts land in the file: re-read it when it changes,
    // and drop the clients of contexts whose cluster, user or namespace changed.
    if (current && current.stamp === (await fileStamp(config))) return current;
    const next = loadKubeConfig(config, where);
    loaded = next;
    const fresh = await next.catch((error: unknown) => {
      loaded = undefined; // a fixed kubeconfig should work without a restart
      throw error;
    });
    for (const [name, entry] of cache) {
      if (entry.fingerprint !== contextFingerprint(fresh.kubeConfig, name)) cache.delete(name);
    }
    return fresh;
  };
  const defaultName = (kubeConfig: KubeConfig) => config.defaultContext ?? kubeConfig.getCurrentContext();
  const entryFor = async (requested: string | undefined): Promise<ContextEntry> => {
    const { light, kubeConfig } = await load();
    const context = requested ?? defaultName(kubeConfig);
    const cached = cache.get(context);
    if (cached) return cached;
    const contextConfig = configFor(light, kubeConfig, context);
    const entry = {
      raw: makeRaw(light, contextConfig, context),
      kubeConfig: contextConfig,
      namespace: contextConfig.getContextObject(context)?.namespace?.trim() || 'default',
      fingerprint: contextFingerprint(kubeConfig, context),
    };
    cache.set(context, entry);
    return entry;
  };
  return {
    async forContext(requested) {
      const entry = await entryFor(requested);
      if (entry.apis) return entry.apis;
      const sdk = await import('@kubernetes/client-node');
      entry.apis = makeApis(sdk, entry);
      return entry.apis;
    },
    async rawForContext(requested) {
      return (await entryFor(requested)).raw;
    },
    async namespaceOf(requested) {
      return (await entryFor(requested)).namespace;
    },
    async contexts() {
      const { kubeConfig } = await load();
      const current = kubeConfig.getCurrentContext();
      const fallback = defaultName(kubeConfig);
      return kubeConfig.getContexts().map((context) => ({
        name: context.name,
        cluster: context.cluster,
        server: kubeConfig.getCluster(context.cluster)?.server ?? '(unknown server)',
        namespace: context.namespace,
        current: context.name === current,
        default: context.name === fallback,
      }));
    },
  };
}

/** One context's clients; `apis` once a tool asked for the generated ones. */
interface ContextEntry {
  raw: KubeRaw;
  kubeConfig: KubeConfig;
  /** The context's namespace, or "default": what a call without `namespace` means. */
  namespace: string;
  apis?: KubeApis;
  fingerprint: string;
}

/**
 * The SDK's kubeconfig, authentication and error class without its generated API classes or its
 * HTTP library: deep imports, so the bundle puts them in a chunk of their own and a raw call never
 * loads the rest (the generated clients' HTTP library comes with them, in makeApis).
 */
async function importLight() {
  const [config, exception] = await Promise.all([
    import('@kubernetes/client-node/dist/config.js'),
    import('@kubernetes/client-node/dist/gen/apis/exception.js'),
  ]);
  return { KubeConfig: config.KubeConfig, ApiException: exception.ApiException };
}

export type LightSdk = Awaited<ReturnType<typeof importLight>>;

interface Loaded {
  light: LightSdk;
  kubeConfig: KubeConfig;
  /** The kubeconfig files' modification times when read; a different stamp means re-read. */
  stamp: string;
}

/** Modification times of the kubeconfig file(s): one `stat` each, cheap enough for every call. */
async function fileStamp(config: Pick<K8sConfig, 'kubeconfigPath'>): Promise<string> {
  const paths = config.kubeconfigPath?.split(pathDelimiter).filter(Boolean) ?? [
    join(homedir(), '.kube', 'config'),
  ];
  const times = await Promise.all(
    paths.map((path) =>
      stat(path).then(
        (info) => `${info.mtimeMs}:${info.size}`,
        () => 'absent',
      ),
    ),
  );
  return times.join('|');
}

/** What a context's clients were built from; credentials compared, never shown. */
function contextFingerprint(kubeConfig: KubeConfig, name: string): string {
  const context = kubeConfig.getContextObject(name);
  if (!context) return 'gone';
  return JSON.stringify([
    context,
    kubeConfig.getCluster(context.cluster),
    context.user ? kubeConfig.getUser(context.user) : undefined,
    kubeConfig.getCurrentContext() === name,
  ]);
}

/** Where the client looks for a kubeconfig when KUBECONFIG is unset; the real places by default. */
export interface KubeconfigSearch {
  home?: string;
  serviceAccountToken?: string;
}

const serviceAccountToken = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * With nothing to load, the SDK falls back to http://localhost:8080 and every call then fails
 * with "HTTP protocol is not allowed when skipTLSVerify is not set", which says nothing about
 * the cause. It looks where this does, in this order.
 */
function noKubeconfigFound(where: KubeconfigSearch): ToolError | undefined {
  const homeConfig = join(where.home ?? homedir(), '.kube', 'config');
  const token = where.serviceAccountToken ?? serviceAccountToken;
  if (existsSync(homeConfig) || existsSync(token)) return undefined;
  return new ToolError(
    `No kubeconfig found: KUBECONFIG is not set, ${homeConfig} does not exist, and this is not a pod with a service account (no ${token}).`,
    'Start the server with KUBECONFIG=/path/to/kubeconfig (the file `aws eks update-kubeconfig`, `gcloud container clusters get-credentials` or `az aks get-credentials` wrote; `kubectl config view` shows the one kubectl uses), or create ~/.kube/config, or run the server in a pod with a service account.',
  );
}

async function loadKubeConfig(
  config: Pick<K8sConfig, 'kubeconfigPath'>,
  where: KubeconfigSearch,
): Promise<Loaded> {
  const stamp = await fileStamp(config);
  const paths = config.kubeconfigPath?.split(pathDelimiter).filter(Boolean) ?? [];
  const missing = paths.length === 0 ? noKubeconfigFound(where) : undefined;
  if (missing) throw missing;
  const light = await importLight();
  const kubeConfig = new light.KubeConfig();
  try {
    if (paths.length === 1 && paths[0]) kubeConfig.loadFromFile(paths[0]);
    else kubeConfig.loadFromDefault();
  } catch (error) {
    // Only the first line: a YAML error goes on to quote the file around it, tokens and keys included.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim();
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
  return { light, kubeConfig, stamp };
}

const pathDelimiter = process.platform === 'win32' ? ';' : ':';

/** The kubeconfig to call a context with: checked to exist, copied unless it is the current one. */
function configFor(light: LightSdk, base: KubeConfig, context: string): KubeConfig {
  const names = base.getContexts().map((entry) => entry.name);
  if (!names.includes(context)) {
    throw new ToolError(
      `Kubeconfig context "${context}" does not exist.`,
      `Known contexts: ${names.join(', ')}. Pass one of them as \`context\`, or set KUBE_CONTEXT.`,
    );
  }
  // A copy per other context, so switching context for one call never changes another's.
  // The current context keeps the original (an in-cluster config does not survive a copy).
  if (context === base.getCurrentContext()) return base;
  const kubeConfig = new light.KubeConfig();
  kubeConfig.loadFromString(base.exportConfig());
  kubeConfig.setCurrentContext(context);
  return kubeConfig;
}

function makeRaw(light: LightSdk, kubeConfig: KubeConfig, context: string): KubeRaw {
  const send = makeSend(light, kubeConfig);
  return {
    rawList: makeRawList(send),
    rawGet: makeRawGet(send),
    context,
    server: kubeConfig.getCurrentCluster()?.server ?? '(unknown server)',
  };
}

/** As `KubeConfig.makeApiClient` builds them, with our HTTP library and a User-Agent naming this server. */
function makeApis(sdk: typeof import('@kubernetes/client-node'), entry: ContextEntry): KubeApis {
  const configuration = sdk.createConfiguration({
    baseServer: new sdk.ServerConfiguration(entry.raw.server, {}),
    authMethods: { default: entry.kubeConfig },
    // The SDK's HTTP library, with reads retried once.
    httpApi: retryingReads(sdk, new sdk.IsomorphicFetchHttpLibrary()),
    middleware: [sdk.setHeaderMiddleware('User-Agent', userAgent)],
  });
  return {
    ...entry.raw,
    core: new sdk.CoreV1Api(configuration),
    apps: new sdk.AppsV1Api(configuration),
    batch: new sdk.BatchV1Api(configuration),
    autoscaling: new sdk.AutoscalingV2Api(configuration),
    abortOn: (signal) => abortOn(sdk, signal),
  };
}

const userAgent = 'kubernetes-client-javascript (sre-k8s-mcp)';

// The generated clients chain middleware through their own Observable stub, in both directions.
function abortOn(sdk: typeof import('@kubernetes/client-node'), signal: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (context) => {
          context.setSignal(signal);
          return new sdk.Observable(Promise.resolve(context));
        },
        post: (response) => new sdk.Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/**
 * One GET as the generated clients send it (the cluster URL, the kubeconfig's authentication,
 * ApiException on a non-2xx answer), minus the model deserialisation and undici (kube-http.ts):
 * tokens, exec plugins, client certificates and error mapping behave as in every other call.
 */
function makeSend(sdk: LightSdk, kubeConfig: KubeConfig) {
  return async (path: string, options: RawGetOptions = {}) => {
    const accept = options.accept ?? 'application/json, */*;q=0.8';
    const response = await kubeGet(kubeConfig, { path, query: options.query, accept });
    const code = response.status;
    if (code < 200 || code > 299) {
      const text = await response.text();
      // As the generated clients throw it: 401 without a body, any other status with it.
      const unauthorized = code === 401;
      const message = unauthorized ? 'Unauthorized' : 'Unknown API Status Code!';
      throw new sdk.ApiException(code, message, unauthorized ? undefined : text, response.headers);
    }
    return response;
  };
}

type RawGetOptions = NonNullable<Parameters<RawGet>[1]>;
type Send = ReturnType<typeof makeSend>;

function makeRawGet(send: Send): RawGet {
  // The API server's JSON is trusted to be what was asked for, as the SDK trusts it. The body is
  // read inside the retry, so a reset half-way through it is retried too.
  return (path, options) =>
    retryRead(async () => JSON.parse(await (await send(path, options)).text()) as unknown);
}

/**
 * Pages read item by item as they arrive (list-stream.ts): the page's text is never held whole.
 * A page cut off part-way is asked for again and its first items, already handed on, are skipped:
 * a continued page is the same snapshot; a first page may have changed by an object in between,
 * as any list read in pages may.
 */
function makeRawList(send: Send): RawList {
  return async <T>(path: string, query: PageQuery, onItem?: (item: Wire<T>) => void) => {
    const items: Wire<T>[] = [];
    const take = onItem ?? ((item: Wire<T>) => void items.push(item));
    let delivered = 0;
    const list = await retryRead(async () => {
      let index = 0;
      return readPage<T>(send, path, query, (item) => {
        if (index++ < delivered) return;
        delivered++;
        take(item);
      });
    });
    const metadata = {
      _continue: list.metadata?.continue,
      remainingItemCount: list.metadata?.remainingItemCount,
    };
    return { items, metadata };
  };
}

type ListBody<T> = {
  items?: Wire<T>[] | null;
  metadata?: { continue?: string; remainingItemCount?: number };
};

async function readPage<T>(
  send: Send,
  path: string,
  query: PageQuery,
  take: (item: Wire<T>) => void,
): Promise<ListBody<T>> {
  const body = await send(path, {
    query: {
      labelSelector: query.labelSelector,
      fieldSelector: query.fieldSelector,
      continue: query._continue,
      limit: String(query.limit),
    },
  });
  return (await readListStream(body.stream(), (item) => take(item as Wire<T>))) as ListBody<T>;
}
