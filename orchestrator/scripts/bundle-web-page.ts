// `node orchestrator/scripts/bundle-web-page.ts` (run by `npm run build` and `npm start`): bundles the web
// page's TypeScript (src/web/page/, browser code) and stylesheet into orchestrator/dist/web-page/, which
// `sre-agent serve` serves at /web/page.js and /web/page.css. Tests bundle in memory with the same options.
import { mkdirSync, writeFileSync } from 'node:fs';
import { normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type WebPageAssets, webPageDir, webPageFiles } from '../src/web/web-page-assets.ts';

const source = (path: string) => fileURLToPath(new URL(`../src/web/page/${path}`, import.meta.url));

/** The page's script (one ES module, marked inside) and stylesheet, minified. */
export async function bundleWebPage(): Promise<WebPageAssets> {
  const result = await build({
    entryPoints: [source('main.ts'), source('page.css')],
    outdir: 'out',
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome111', 'firefox115', 'safari16.4'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const file = (extension: string) => {
    const found = result.outputFiles.find((output) => output.path.endsWith(extension));
    if (found === undefined) throw new Error(`esbuild produced no ${extension} file`);
    return found.text;
  };
  return { script: file('.js'), style: file('.css') };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const assets = await bundleWebPage();
  mkdirSync(webPageDir, { recursive: true });
  writeFileSync(`${webPageDir}${webPageFiles.script}`, assets.script);
  writeFileSync(`${webPageDir}${webPageFiles.style}`, assets.style);
  process.stderr.write(
    `bundled the web page: ${webPageDir} (${assets.script.length} + ${assets.style.length} bytes)\n`,
  );
}
