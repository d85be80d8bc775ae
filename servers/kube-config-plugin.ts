// An esbuild plugin for servers/bundle.ts. client-node's config.js takes two small classes from
// `./gen/index.js`, which re-exports every generated API class and model (~15 MB of JavaScript,
// ~75 MB of RSS once loaded). Pointed at the two files that define them, the kubeconfig and auth
// code lands in a chunk of its own, so the k8s server's raw list calls (list_pods_*) never load the
// generated clients; the tools that use those still import the package's index, which brings them.
import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

const configModule = /@kubernetes[\\/]client-node[\\/]dist[\\/]config\.js$/;

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
  },
};
