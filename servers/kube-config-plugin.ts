// An esbuild plugin for servers/bundle.ts. client-node's config.js takes two small classes from
// `./gen/index.js`, which re-exports every generated API class and model (~15 MB of JavaScript,
// ~75 MB of RSS once loaded). Pointed at the two files that define them, the kubeconfig and auth
// code lands in a chunk of its own, so the k8s server's raw list calls (list_pods_*) never load the
// generated clients; the tools that use those still import the package's index, which brings them.
//
// client-node also imports undici at the top of config.js and of its fetch-based modules; undici
// (~1 MB of JavaScript) took ~20 MB of RSS to run its module code, on every raw call too, though
// those go through node:http (kube-http.ts). Each of those imports gets a stand-in that loads
// undici with a bundled `require` (esbuild makes that a lazy, synchronous init) when first used.
import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

const configModule = /@kubernetes[\\/]client-node[\\/]dist[\\/]config\.js$/;
const clientNode = /@kubernetes[\\/]client-node[\\/]dist[\\/]/;

export const kubeConfigWithoutGeneratedApis: Plugin = {
  name: 'kube-config-without-generated-apis',
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\/gen\/index\.js$/ }, (args) =>
      configModule.test(args.importer) ? { path: args.importer, namespace: 'kube-config-gen' } : undefined,
    );
    bundle.onLoad({ filter: /.*/, namespace: 'kube-config-gen' }, (args) => ({
      contents:
        "export { createConfiguration } from './gen/configuration.js';\n" +
        "export { ServerConfiguration } from './gen/servers.js';\n",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
    bundle.onResolve({ filter: /^undici$/ }, (args) =>
      args.namespace === 'file' && clientNode.test(args.importer)
        ? { path: args.importer, namespace: 'lazy-undici' }
        : undefined,
    );
    // What client-node takes from undici: two dispatcher classes and fetch.
    bundle.onLoad({ filter: /.*/, namespace: 'lazy-undici' }, (args) => ({
      contents: `
        export class Agent { constructor(options) { return new (require('undici').Agent)(options); } }
        export class ProxyAgent { constructor(options) { return new (require('undici').ProxyAgent)(options); } }
        export function fetch(input, init) { return require('undici').fetch(input, init); }
      `,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};
