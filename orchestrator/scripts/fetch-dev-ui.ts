// `node orchestrator/scripts/fetch-dev-ui.ts` (run by `npm run build`): puts Google's ADK dev UI, the
// Angular build that `adk web` serves, in orchestrator/dist/dev-ui/, where `sre-agent serve` serves it at
// /dev-ui/ when SRE_DEV_UI=true. At build time only; the server never fetches anything.
//
// Why not a devDependency: @google/adk-devtools depends on @google/adk, express, esbuild and five
// MikroORM database drivers, none of which the UI needs (it is static files under dist/browser), and that
// tree does not even resolve today (@mikro-orm/knex@6.6.17 is missing from the registry). So `npm pack`
// fetches the one tarball, pinned by version and checked against its registry integrity, and only
// dist/browser is kept. Bump both constants together (`npm view @google/adk-devtools@<v> dist.integrity`).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const devUiPackage = '@google/adk-devtools';
export const devUiVersion = '2.0.0';
const integrity =
  'sha512-9q88zzLjSE5DQg+42JWBVZjEi4byuhKFod9T4jcgYj3IysulqDaEh+cObFe/54LJUI9RvpjFfAWxrC46BggYqQ==';

/** Where the build puts the UI and `sre-agent serve` looks for it. */
export const devUiDir = fileURLToPath(new URL('../dist/dev-ui/', import.meta.url));
const stamp = () => join(devUiDir, '.version');

/** Fetches and unpacks the pinned UI unless that version is already there. Returns its directory. */
export function ensureDevUi(): string {
  if (existsSync(stamp()) && readFileSync(stamp(), 'utf8') === devUiVersion) return devUiDir;
  const scratch = mkdtempSync(join(tmpdir(), 'adk-devtools-'));
  try {
    const out = execFileSync(
      'npm',
      ['pack', `${devUiPackage}@${devUiVersion}`, '--json', '--pack-destination', scratch],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [packed] = JSON.parse(out) as { filename: string }[];
    const tarball = readFileSync(join(scratch, packed?.filename ?? ''));
    const actual = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
    if (actual !== integrity)
      throw new Error(`${devUiPackage}@${devUiVersion}: integrity ${actual}, expected ${integrity}`);
    rmSync(devUiDir, { recursive: true, force: true });
    let files = 0;
    for (const entry of tarEntries(gunzipSync(tarball))) {
      const relative = entry.name.replace(/^package\/dist\/browser\//, '');
      if (relative === entry.name || relative === '') continue;
      const target = normalize(join(devUiDir, relative));
      if (!target.startsWith(devUiDir)) continue;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.data);
      files++;
    }
    if (!existsSync(join(devUiDir, 'index.html')))
      throw new Error(`${devUiPackage}: no dist/browser/index.html`);
    writeFileSync(stamp(), devUiVersion);
    process.stderr.write(`dev UI: ${devUiPackage}@${devUiVersion}, ${files} files in ${devUiDir}\n`);
    return devUiDir;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Regular files of a ustar archive (npm's tarballs use nothing else). */
function* tarEntries(archive: Buffer): Generator<{ name: string; data: Buffer }> {
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const type = field(156, 1);
    const data = archive.subarray(offset + 512, offset + 512 + size);
    if (type === '0' || type === '') yield { name, data };
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  try {
    ensureDevUi();
  } catch (error) {
    // The dev UI is optional: a machine that cannot reach the npm registry still builds the rest.
    // CI must have it, since the dev UI's browser test runs there.
    process.stderr.write(
      `dev UI not fetched (${error instanceof Error ? error.message : String(error)}); SRE_DEV_UI=true will have nothing to serve.\n`,
    );
    if (process.env.CI === 'true') process.exitCode = 1;
  }
}
