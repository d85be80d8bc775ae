// `npm start` builds before it serves. On a fresh clone that is about 30 silent seconds, which
// reads as a hang: say what is happening, show that it is moving, and say when it is done.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const started = Date.now();
const seconds = () => Math.round((Date.now() - started) / 1000);
const first = !existsSync(new URL('../orchestrator/dist/main.js', import.meta.url));
process.stderr.write(
  first ? 'building (about 30 s the first time)...\n' : 'building (seconds when little changed)...\n',
);
const tick = setInterval(() => process.stderr.write(`  still building (${seconds()} s)...\n`), 10_000);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const build = spawn(process.execPath, [tsc, '-b', 'tsconfig.build.json'], {
  cwd: new URL('..', import.meta.url),
  stdio: 'inherit',
});
// The web page's bundle (orchestrator/scripts/bundle-web-page.ts) comes after the type-checked build.
const bundlePage = () =>
  new Promise((resolve) => {
    const bundle = spawn(process.execPath, ['orchestrator/scripts/bundle-web-page.ts'], {
      cwd: new URL('..', import.meta.url),
      stdio: 'inherit',
    });
    bundle.on('exit', (code) => resolve(code ?? 1));
  });
build.on('exit', async (tscCode) => {
  const code = tscCode === 0 ? await bundlePage() : tscCode;
  clearInterval(tick);
  process.stderr.write(
    code === 0 ? `built in ${seconds()} s\n` : `build failed after ${seconds()} s (errors above)\n`,
  );
  process.exit(code ?? 1);
});
