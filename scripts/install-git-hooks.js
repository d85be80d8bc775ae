// `prepare` (run by `npm ci` and `npm install` in a clone): installs the pre-commit hook that
// lints and formats the staged files with Biome. Plain JavaScript, no dependencies, and a silent
// no-op where there is nothing to hook: no git repository (a tarball, a container build), CI, or
// a pre-commit hook someone already has (theirs is kept; ours is printed as a suggestion).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const marker = '# sre-agent pre-commit hook';

export const preCommitHook = `#!/bin/sh
${marker} (installed by \`npm ci\` from scripts/install-git-hooks.js).
# Lints and formats the staged files with Biome. Skip it once: git commit --no-verify
biome=node_modules/.bin/biome
if [ ! -x "$biome" ]; then
  echo "pre-commit: Biome is not installed (run npm ci); commit not checked" >&2
  exit 0
fi
staged=$(git diff --cached --name-only --diff-filter=ACMR)
[ -n "$staged" ] || exit 0
unstaged=$(git diff --name-only)
for file in $staged; do
  case "$unstaged" in
    *"$file"*)
      # Formatting would mix in edits that are not staged: check only, fix nothing.
      exec "$biome" check --staged --no-errors-on-unmatched --files-ignore-unknown=true ;;
  esac
done
"$biome" check --staged --write --no-errors-on-unmatched --files-ignore-unknown=true || exit 1
# Stage what Biome fixed in the staged files (they had no other unstaged edits).
git update-index --again
`;

/** Installs the hook in the repository around `cwd`; returns what it did, for the message and tests. */
export function installGitHooks(cwd = process.cwd(), env = process.env) {
  if (env.CI) return 'skipped: CI';
  const git = (...args) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  let hooksDir;
  try {
    // A checkout unpacked inside some other repository (a home directory under git) is not ours to hook.
    if (realpathSync(git('rev-parse', '--show-toplevel')) !== realpathSync(cwd)) {
      return 'skipped: not the top of a git repository';
    }
    hooksDir = git('rev-parse', '--git-path', 'hooks');
  } catch {
    return 'skipped: not a git repository';
  }
  const hook = resolve(cwd, hooksDir, 'pre-commit');
  if (existsSync(hook) && !readFileSync(hook, 'utf8').includes(marker)) {
    return `skipped: ${hook} exists and is not ours (see scripts/install-git-hooks.js for what ours runs)`;
  }
  mkdirSync(dirname(hook), { recursive: true });
  writeFileSync(hook, preCommitHook);
  chmodSync(hook, 0o755);
  return `installed ${hook}`;
}

/** `prepare`'s entry: a hook is a convenience, so nothing here may fail an install. */
export function main() {
  try {
    const outcome = installGitHooks();
    if (outcome.startsWith('installed') || outcome.includes('not ours'))
      process.stderr.write(`git hooks: ${outcome}\n`);
  } catch (error) {
    process.stderr.write(`git hooks: not installed (${error instanceof Error ? error.message : error})\n`);
  }
}
