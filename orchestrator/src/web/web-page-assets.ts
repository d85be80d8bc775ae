import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The web page's script and stylesheet, as `npm run build` bundles them (scripts/bundle-web-page.ts). */
export interface WebPageAssets {
  script: string;
  style: string;
}

/** orchestrator/dist/web-page/, from both src/web/ (tests, tsx) and dist/web/ (the built server). */
export const webPageDir = fileURLToPath(new URL('../../dist/web-page/', import.meta.url));

export const webPageFiles = { script: 'page.js', style: 'page.css' } as const;

/** The bundled page, or `undefined` when it was not built (the server then says how to build it). */
export function readWebPageAssets(dir: string = webPageDir): WebPageAssets | undefined {
  try {
    return {
      script: readFileSync(`${dir}${webPageFiles.script}`, 'utf8'),
      style: readFileSync(`${dir}${webPageFiles.style}`, 'utf8'),
    };
  } catch {
    return undefined;
  }
}
