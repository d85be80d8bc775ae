// The web page's bundle for tests: built in memory by the same esbuild step `npm run build` runs, once
// per test file, so the page tests never serve a stale or missing dist/.
import { bundleWebPage } from '../orchestrator/scripts/bundle-web-page.ts';
import type { WebPageAssets } from '../orchestrator/src/web/index.ts';

let bundled: Promise<WebPageAssets> | undefined;

export function webPageAssets(): Promise<WebPageAssets> {
  bundled ??= bundleWebPage();
  return bundled;
}
