// `npm run bench`: every benchmark in turn. Each module exports `run()` and prints its own figures.
// Benchmarks measure; they never fail a build on a threshold (tests do not assert timings).
import { readdir } from 'node:fs/promises';

const only = process.argv.slice(2);
const skip = new Set(['run-all.ts', 'stats.ts']);
// Restarts the machine's PostgreSQL, which every test shares: only when named (`npm run bench -- pg-restart`).
const onlyWhenNamed = new Set(['pg-restart.ts']);
const files = (await readdir(new URL('.', import.meta.url)))
  .filter((file) => file.endsWith('.ts') && !skip.has(file))
  .filter((file) =>
    only.length === 0 ? !onlyWhenNamed.has(file) : only.some((name) => file.startsWith(name)),
  )
  .sort();

for (const file of files) {
  const module = (await import(new URL(file, import.meta.url).href)) as { run?: () => Promise<unknown> };
  if (!module.run) continue;
  const started = performance.now();
  await module.run();
  console.log(`(${file}: ${Math.round((performance.now() - started) / 1000)} s)\n`);
}
