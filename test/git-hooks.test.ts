// The pre-commit hook `npm ci` installs (via `prepare`): where it installs, where it must not, and
// that it formats and lints what is staged in a real repository.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installGitHooks } from '../scripts/install-git-hooks.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sre-hooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });

function repo(name: string): string {
  const path = join(dir, name);
  mkdirSync(path);
  git(path, 'init', '-q');
  return path;
}

describe('installGitHooks', () => {
  it('writes an executable pre-commit hook at the top of a repository, and again over its own', () => {
    const path = repo('plain');
    expect(installGitHooks(path, {})).toMatch(/^installed .*pre-commit$/);
    expect(installGitHooks(path, {})).toMatch(/^installed/);
    const hook = join(path, '.git', 'hooks', 'pre-commit');
    expect(statSync(hook).mode & 0o111).not.toBe(0);
  });

  it('does nothing without a repository, below the top of one, in CI, or over someone else hook', () => {
    const bare = join(dir, 'unpacked');
    mkdirSync(bare);
    expect(installGitHooks(bare, {})).toBe('skipped: not a git repository');
    const outer = repo('outer');
    mkdirSync(join(outer, 'inner'));
    expect(installGitHooks(join(outer, 'inner'), {})).toBe('skipped: not the top of a git repository');
    expect(existsSync(join(outer, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(installGitHooks(outer, { CI: 'true' })).toBe('skipped: CI');
    const theirs = repo('theirs');
    writeFileSync(join(theirs, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho mine\n');
    expect(installGitHooks(theirs, {})).toMatch(/not ours/);
    expect(readFileSync(join(theirs, '.git', 'hooks', 'pre-commit'), 'utf8')).toBe('#!/bin/sh\necho mine\n');
  });
});

describe('the pre-commit hook', () => {
  it('formats the staged files into the commit and refuses one that fails lint', () => {
    const path = repo('work');
    symlinkSync(join(root, 'node_modules'), join(path, 'node_modules'));
    writeFileSync(join(path, '.gitignore'), 'node_modules\n');
    installGitHooks(path, {});
    writeFileSync(join(path, 'a.ts'), 'export const  a=1\n');
    git(path, 'add', '.gitignore', 'a.ts');
    git(path, 'commit', '-q', '-m', 'a');
    expect(git(path, 'show', 'HEAD:a.ts')).toBe('export const a = 1;\n');

    writeFileSync(join(path, 'b.ts'), 'export function b() {\n  debugger;\n}\n');
    git(path, 'add', 'b.ts');
    const refused = spawnSync('git', ['commit', '-q', '-m', 'b'], {
      cwd: path,
      env: gitEnv,
      encoding: 'utf8',
    });
    expect(refused.status).not.toBe(0);
    expect(git(path, 'log', '--oneline')).not.toContain(' b\n');
  }, 60_000);
});
