// Start-up and memory, side by side with the Go peer `kubernetes-mcp-server` (from npm, installed on
// first run into node_modules/.cache so `npm ci` never pays for it). In one run, interleaved so the
// machine's load hits every form alike:
// - cold start, spawn until `tools/list` is answered over stdio, of each server as published (bin +
//   esbuild bundle, copied out of the checkout) and of the k8s server as README's Claude Desktop
//   snippet runs it (the checkout's bin), first run (an empty compile cache) and warm;
// - peak RSS of list_pods_all_namespaces on 10,000 pods served by the fake API server, against the
//   Go server's pods_list on the same pods.
// Figures are ratios to the Go server (the machine's speed cancels out) plus the absolute values.
//
//   npm run bench -- startup        (or: npm run build && npx node bench/startup.ts)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { generateLargeCluster, startKubeApiServer } from '../test/fakes/kube-apiserver/index.ts';
import { writeKubeconfigFile } from '../test/fakes/kube-apiserver/kubeconfig.ts';
import { startAccessReviewProxy } from './access-review-proxy.ts';
import { peakRssMb, percentile, round } from './stats.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Pinned so the reference does not move under the figures; bump deliberately. */
const goVersion = '0.0.67';
const samples = Number(process.env.BENCH_STARTUP_SAMPLES ?? 7);

interface Form {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** The Go binary, installed with npm on first use (its package ships one binary per platform). */
function goServer(): string {
  const prefix = join(root, 'node_modules', '.cache', `kubernetes-mcp-server-${goVersion}`);
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const binary = join(
    prefix,
    'node_modules',
    `kubernetes-mcp-server-${platform}`,
    'bin',
    `kubernetes-mcp-server-${platform}${process.platform === 'win32' ? '.exe' : ''}`,
  );
  if (!existsSync(binary)) {
    console.log(`installing kubernetes-mcp-server@${goVersion} into ${prefix} (once)`);
    mkdirSync(prefix, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        `kubernetes-mcp-server@${goVersion}`,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  return binary;
}

/** A server laid out as `npm install` leaves its package: the bin launcher and the bundle, no src/. */
function publishedCopy(server: string, into: string): string {
  const from = join(root, 'servers', server);
  const to = join(into, server);
  cpSync(join(from, 'bin'), join(to, 'bin'), { recursive: true });
  cpSync(join(from, 'dist', 'bundle'), join(to, 'dist', 'bundle'), { recursive: true });
  writeFileSync(join(to, 'package.json'), JSON.stringify({ type: 'module' }));
  return join(to, 'bin', `sre-${server}-mcp.js`);
}

function forms(kubeconfig: string, published: (server: string) => string): Form[] {
  const node = process.execPath;
  const aws = { AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
  return [
    {
      name: 'go kubernetes-mcp-server',
      command: goServer(),
      args: ['--kubeconfig', kubeconfig],
      env: {},
    },
    {
      name: 'k8s bundled',
      command: node,
      args: [published('k8s')],
      env: { KUBECONFIG: kubeconfig },
    },
    { name: 'aws-cost bundled', command: node, args: [published('aws-cost')], env: aws },
    { name: 'aws-core bundled', command: node, args: [published('aws-core')], env: aws },
    {
      name: 'k8s checkout bin (README snippet)',
      command: node,
      args: [join(root, 'servers', 'k8s', 'bin', 'sre-k8s-mcp.js')],
      env: { KUBECONFIG: kubeconfig },
    },
    // The two forms as they ran before the bins turned the compile cache on, for before/after in one run.
    {
      name: 'k8s bundle, no compile cache',
      command: node,
      args: [join(dirname(dirname(published('k8s'))), 'dist', 'bundle', 'main.js')],
      env: { KUBECONFIG: kubeconfig },
    },
    {
      name: 'k8s tsc output, no compile cache',
      command: node,
      args: [join(root, 'servers', 'k8s', 'dist', 'main.js')],
      env: { KUBECONFIG: kubeconfig },
    },
  ];
}

/** CPU time (user + system, all threads) a process has used: what a loaded machine does not inflate. */
async function cpuMs(pid: number | null): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100); // clock ticks of 10 ms
}

async function connect(form: Form, temp: string) {
  const transport = new StdioClientTransport({
    command: form.command,
    args: form.args,
    // TMPDIR: where Node keeps its compile cache (os.tmpdir()/node-compile-cache); HOME: no ~/.kube.
    env: { PATH: process.env.PATH ?? '', HOME: temp, TMPDIR: temp, LOG_LEVEL: 'warn', ...form.env },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench-startup', version: '1' });
  const started = performance.now();
  await client.connect(transport);
  await client.listTools();
  const ms = performance.now() - started;
  const cpu = await cpuMs(transport.pid);
  // Ready for a tool call: our stdio servers answer the handshake before their tools load
  // (stdio-front.ts), so `ping`, which only the loaded server answers, shows when they are in.
  await client.ping();
  return { client, transport, ms, cpuMs: cpu, readyMs: performance.now() - started };
}

interface Samples {
  first: number[];
  warm: number[];
  firstCpu: number[];
  warmCpu: number[];
  firstReady: number[];
  warmReady: number[];
}

async function coldStarts(all: Form[], scratch: string): Promise<Map<string, Samples>> {
  const samplesOf = new Map<string, Samples>(
    all.map((form) => [
      form.name,
      { first: [], warm: [], firstCpu: [], warmCpu: [], firstReady: [], warmReady: [] },
    ]),
  );
  const warmTemp = join(scratch, 'warm-tmp');
  mkdirSync(warmTemp);
  // One unmeasured start of each: the OS file cache holds every file before anything is timed.
  for (const form of all) await (await connect(form, warmTemp)).client.close();
  for (let sample = 0; sample < samples; sample++) {
    for (const form of all) {
      const into = samplesOf.get(form.name);
      // First run: a temp directory nothing was ever compiled into.
      const fresh = mkdtempSync(join(scratch, 'first-'));
      const once = await connect(form, fresh);
      into?.first.push(once.ms);
      into?.firstCpu.push(once.cpuMs);
      into?.firstReady.push(once.readyMs);
      await once.client.close();
      rmSync(fresh, { recursive: true, force: true });
      const again = await connect(form, warmTemp);
      into?.warm.push(again.ms);
      into?.warmCpu.push(again.cpuMs);
      into?.warmReady.push(again.readyMs);
      await again.client.close();
    }
  }
  return samplesOf;
}

async function peakRss(form: Form, tool: string, scratch: string) {
  const { client, transport } = await connect(form, join(scratch, 'warm-tmp'));
  try {
    const result = await client.callTool({ name: tool, arguments: {} }, undefined, { timeout: 300_000 });
    const text = (result.content as { type: string; text?: string }[])
      .map((item) => item.text ?? '')
      .join('');
    // A short answer would mean the server listed less than every pod (or failed), not that it is lean.
    if (result.isError || text.length < 1000) throw new Error(`${form.name} ${tool}: ${text.slice(0, 500)}`);
    return { mb: (await peakRssMb(transport.pid)) ?? Number.NaN, bytes: text.length };
  } finally {
    await client.close();
  }
}

export interface StartupRow {
  form: string;
  firstMs: number;
  firstVsGo: number;
  warmMs: number;
  warmVsGo: number;
  firstCpuMs: number;
  warmCpuMs: number;
  warmCpuVsGo: number;
  firstReadyVsGo: number;
  warmReadyVsGo: number;
}

export async function run(): Promise<{ startup: StartupRow[]; rss: { ours: number; go: number } }> {
  console.log('## Start-up and memory against the Go kubernetes-mcp-server');
  execFileSync(process.execPath, [join(root, 'servers', 'bundle.ts')], { stdio: 'inherit' });
  const cluster = generateLargeCluster({ pods: 10_000 });
  const api = await startKubeApiServer({ objects: cluster.objects, logs: cluster.logs });
  const scratch = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  try {
    const bins = new Map(
      ['k8s', 'aws-cost', 'aws-core'].map((server) => [server, publishedCopy(server, scratch)]),
    );
    const published = (server: string) => bins.get(server) ?? '';
    const all = forms(api.writeKubeconfig(scratch), published);
    const measured = await coldStarts(all, scratch);
    const median = (values: number[] | undefined) => percentile(values ?? [], 0.5);
    const goSamples = measured.get(all[0]?.name ?? '');
    const startup = all.map((form) => {
      const of = measured.get(form.name);
      return {
        form: form.name,
        firstMs: round(median(of?.first)),
        firstVsGo: round(median(of?.first) / median(goSamples?.first), 2),
        warmMs: round(median(of?.warm)),
        warmVsGo: round(median(of?.warm) / median(goSamples?.warm), 2),
        firstCpuMs: round(median(of?.firstCpu)),
        warmCpuMs: round(median(of?.warmCpu)),
        warmCpuVsGo: round(median(of?.warmCpu) / median(goSamples?.warmCpu), 2),
        firstReadyVsGo: round(median(of?.firstReady) / median(goSamples?.firstReady), 2),
        warmReadyVsGo: round(median(of?.warmReady) / median(goSamples?.warmReady), 2),
      };
    });
    console.log(
      `cold start, spawn -> tools/list answered, median of ${samples} (first run: empty compile cache; ` +
        'CPU: user + system time of the server until then, which machine load does not inflate; ' +
        'ready: until a `ping` after it is answered, i.e. the tools are loaded and a call would run)',
    );
    console.table(startup);
    // Both servers through the proxy, so the Go one lists every namespace as ours does.
    const proxy = await startAccessReviewProxy(api.url);
    const proxied = forms(writeKubeconfigFile(scratch, proxy.url, { contextName: 'proxied' }), published);
    const [go, ours] = proxied;
    if (!go || !ours) throw new Error('no forms');
    const rss = {
      ours: await peakRss(ours, 'list_pods_all_namespaces', scratch),
      go: await peakRss(go, 'pods_list', scratch),
    };
    await proxy.close();
    console.log(
      `peak RSS on 10,000 pods: k8s bundled list_pods_all_namespaces ${rss.ours.mb} MB (${rss.ours.bytes} B answer), ` +
        `Go pods_list ${rss.go.mb} MB (${rss.go.bytes} B answer): ${round(rss.ours.mb / rss.go.mb, 2)}x`,
    );
    return { startup, rss: { ours: rss.ours.mb, go: rss.go.mb } };
  } finally {
    await api.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
