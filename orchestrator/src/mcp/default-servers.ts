import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StdioServerSpec } from './mcp-server-spec.js';

/** The three workspace servers, by the name their tools are prefixed with. */
export const workspaceServers = [
  { name: 'k8s', packageName: '@sre-agent/k8s' },
  { name: 'aws_cost', packageName: '@sre-agent/aws-cost' },
  { name: 'aws_core', packageName: '@sre-agent/aws-core' },
] as const;

/**
 * Specs that spawn the workspace servers' built bins with this same Node, found by package name, so
 * it works from a clone and from an install alike. A package that cannot be found still gets a spec:
 * its start fails, and that failure (not a crash here) is what `/health` reports.
 */
export function defaultServerSpecs(env: Record<string, string> = {}): StdioServerSpec[] {
  return workspaceServers.map(({ name, packageName }) => ({
    name,
    command: process.execPath,
    args: [resolveBin(packageName)],
    env,
  }));
}

function resolveBin(packageName: string): string {
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve(packageName));
  } catch {
    return `${packageName} is not installed (run npm install)`;
  }
  const root = packageRoot(dirname(entry), packageName);
  if (!root) return `${packageName} has no package.json above ${entry}`;
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  return bin ? resolve(root, bin) : `${packageName} declares no bin`;
}

function packageRoot(from: string, packageName: string): string | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
    if (name === packageName) return dir;
  }
  return undefined;
}
