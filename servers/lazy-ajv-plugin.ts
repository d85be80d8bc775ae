// An esbuild plugin for servers/bundle.ts. The MCP SDK's server imports its Ajv validator statically,
// so Ajv (~270 KB with ajv-formats and fast-uri) ran its module code on every start, ~15 ms of the
// cold start to tools/list (issue 14 §5), though a server only validates an elicitation answer. Every
// import of the SDK's `validation/ajv-provider.js` gets a stand-in with the same class, which loads
// the real one with a bundled `require` (esbuild makes that a lazy, synchronous init) at the first
// validator call.
import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

const provider = /(?:^|[\\/])ajv-provider\.js$|^@modelcontextprotocol\/sdk\/validation\/ajv$/;

export const lazyAjv: Plugin = {
  name: 'lazy-ajv',
  setup(bundle) {
    bundle.onResolve({ filter: provider }, async (args) => {
      // The stand-in's own require of the real module resolves as usual.
      if (args.namespace === 'lazy-ajv' || args.pluginData === 'real') return undefined;
      const real = await bundle.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'real',
      });
      if (real.errors.length > 0) return { errors: real.errors };
      if (!/@modelcontextprotocol[\\/]sdk[\\/]/.test(real.path)) return undefined;
      return { path: real.path, namespace: 'lazy-ajv' };
    });
    bundle.onLoad({ filter: /.*/, namespace: 'lazy-ajv' }, (args) => ({
      contents: `
        let Real;
        export class AjvJsonSchemaValidator {
          #ajv;
          #real;
          constructor(ajv) { this.#ajv = ajv; }
          getValidator(schema) {
            Real ??= require(${JSON.stringify(args.path)}).AjvJsonSchemaValidator;
            this.#real ??= new Real(this.#ajv);
            return this.#real.getValidator(schema);
          }
        }
      `,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};
