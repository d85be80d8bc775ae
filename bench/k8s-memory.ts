// Peak RSS of the bundled k8s server's list_pods_all_namespaces on 10,000 pods (issue 14 §5: under
// 150 MB, the Go kubernetes-mcp-server's range), over several fresh processes: one run is not a
// figure, the spread between runs is ~20 MB. The same setup as bench/startup.ts's peak RSS (the
// published layout, the access-review proxy in front of the fake API server), without the cold
// starts. SAMPLES runs (default 7); TOOL picks another all-namespaces list to measure.
//
//   npx node bench/k8s-memory.ts
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { generateLargeCluster, startKubeApiServer } from '../test/fakes/kube-apiserver/index.ts';
import { writeKubeconfigFile } from '../test/fakes/kube-apiserver/kubeconfig.ts';
import { startAccessReviewProxy } from './access-review-proxy.ts';
import { peakRssMb, percentile } from './stats.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const samples = Number(process.env.SAMPLES ?? 7);
const tool = process.env.TOOL ?? 'list_pods_all_namespaces';

/** The bundle in a directory of its own, laid out as `npm install` leaves the package. */
function bundleInto(scratch: string): string {
  execFileSync(process.execPath, [join(root, 'servers', 'bundle.ts'), 'k8s'], {
    stdio: 'inherit',
    env: { ...process.env, SRE_BUNDLE_ROOT: scratch },
  });
  const server = join(scratch, 'k8s');
  cpSync(join(root, 'servers', 'k8s', 'bin'), join(server, 'bin'), { recursive: true });
  writeFileSync(join(server, 'package.json'), JSON.stringify({ type: 'module' }));
  return join(server, 'bin', 'sre-k8s-mcp.js');
}

async function peakRss(bin: string, kubeconfig: string, temp: string) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...(process.env.NODE_FLAGS?.split(' ').filter(Boolean) ?? []), bin],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: temp,
      TMPDIR: temp,
      LOG_LEVEL: 'warn',
      KUBECONFIG: kubeconfig,
    },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench-k8s-memory', version: '1' });
  await client.connect(transport);
  try {
    const result = await client.callTool({ name: tool, arguments: {} }, undefined, { timeout: 300_000 });
    const text = (result.content as { text?: string }[]).map((item) => item.text ?? '').join('');
    // A short answer would mean the server listed less than everything (or failed), not that it is lean.
    if (result.isError || text.length < 1000) throw new Error(`${tool}: ${text.slice(0, 500)}`);
    return { mb: (await peakRssMb(transport.pid)) ?? Number.NaN, bytes: text.length };
  } finally {
    await client.close();
  }
}

export async function run(): Promise<{ min: number; median: number; max: number }> {
  console.log(`## Peak RSS of the bundled k8s server's ${tool} on 10,000 pods`);
  const scratch = mkdtempSync(join(tmpdir(), 'bench-k8s-memory-'));
  const cluster = generateLargeCluster({ pods: 10_000 });
  const api = await startKubeApiServer({ objects: cluster.objects, logs: cluster.logs });
  const proxy = await startAccessReviewProxy(api.url);
  try {
    const bin = bundleInto(scratch);
    const kubeconfig = writeKubeconfigFile(scratch, proxy.url, { contextName: 'proxied' });
    // One unmeasured run: the compile cache and the OS file cache are warm for every measured one.
    await peakRss(bin, kubeconfig, scratch);
    const runs: number[] = [];
    let bytes = 0;
    for (let sample = 0; sample < samples; sample++) {
      const once = await peakRss(bin, kubeconfig, scratch);
      runs.push(once.mb);
      bytes = once.bytes;
    }
    const sorted = [...runs].sort((a, b) => a - b);
    const figures = { min: sorted[0] ?? 0, median: percentile(runs, 0.5), max: sorted.at(-1) ?? 0 };
    console.log(`runs (MB): ${runs.join(', ')}; answer ${bytes} B`);
    console.log(
      `peak RSS over ${samples} runs: min ${figures.min}, median ${figures.median}, max ${figures.max} MB`,
    );
    return figures;
  } finally {
    await proxy.close();
    await api.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
