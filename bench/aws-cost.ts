// AWS cost MCP server: latency and result size of get_cost_trend for 12 months x ~40 services, through a
// real MCP client and the real SDK against the Cost Explorer fake; the cache's effect; and the stdio
// cold start of the built bin (spawn to `initialize` answered). Needs `npm run build` (npm run bench does it).
//
//   node bench/aws-cost.ts
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type CostHarness, startCostHarness } from '../test/fakes/cost-explorer/mcp-harness.ts';
import { startCostExplorerFake } from '../test/fakes/cost-explorer/server.ts';

export interface CostBenchOptions {
  runs?: number;
  /** Result cells per GetCostAndUsage page in the fake (the real API pages by response size). */
  pageSize?: number;
}

export interface CostBenchResult {
  name: string;
  runs: number;
  /** Billed Cost Explorer requests one uncached call makes (pages). */
  requestsPerCall: number;
  uncachedP50Ms: number;
  uncachedP95Ms: number;
  cachedP50Ms: number;
  cachedP95Ms: number;
  textBytes: number;
  approxTextTokens: number;
  imageBytes: number;
  imageBase64Bytes: number;
  coldStartP50Ms: number | undefined;
}

const TREND = { months: 12, group_by: 'SERVICE' };

async function timeCalls(h: CostHarness, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const out = await h.call('get_cost_trend', TREND);
    times.push(performance.now() - started);
    if (out.isError) throw new Error(`get_cost_trend failed: ${out.text}`);
  }
  return times.sort((a, b) => a - b);
}

export async function run(options: CostBenchOptions = {}): Promise<CostBenchResult> {
  const runs = options.runs ?? 30;
  const pageSize = options.pageSize ?? 100;
  const uncached = await startCostHarness({
    pageSize,
    env: {
      SRE_CE_CACHE_TTL_SECONDS: '0',
      SRE_CE_CACHE_TTL_CURRENT_SECONDS: '0',
      SRE_CE_MAX_REQUESTS_PER_HOUR: '100000',
    },
  });
  const cached = await startCostHarness({ pageSize });
  try {
    await timeCalls(uncached, 3); // warm up: SDK import, JIT
    uncached.fake.resetRequests();
    const cold = await timeCalls(uncached, runs);
    const requestsPerCall = uncached.fake.requestCount() / runs;
    await cached.call('get_cost_trend', TREND);
    const warm = await timeCalls(cached, runs);
    const sample = await cached.call('get_cost_trend', TREND);
    const textBytes = Buffer.byteLength(sample.text, 'utf8');
    const image = sample.images[0];
    const result: CostBenchResult = {
      name: 'aws-cost get_cost_trend (12 months x 40 services, by SERVICE)',
      runs,
      requestsPerCall,
      uncachedP50Ms: round(percentile(cold, 0.5)),
      uncachedP95Ms: round(percentile(cold, 0.95)),
      cachedP50Ms: round(percentile(warm, 0.5)),
      cachedP95Ms: round(percentile(warm, 0.95)),
      textBytes,
      approxTextTokens: Math.round(textBytes / 4),
      imageBytes: image ? Buffer.from(image.data, 'base64').length : 0,
      imageBase64Bytes: image ? image.data.length : 0,
      coldStartP50Ms: await coldStart(),
    };
    print(result);
    return result;
  } finally {
    await uncached.close();
    await cached.close();
  }
}

/** Spawn of the built stdio bin until `initialize` is answered; undefined when it is not built. */
async function coldStart(samples = 5): Promise<number | undefined> {
  const main = fileURLToPath(new URL('../servers/aws-cost/dist/main.js', import.meta.url));
  if (!existsSync(main)) return undefined;
  const fake = await startCostExplorerFake();
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [main],
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'us-east-1',
          AWS_ENDPOINT_URL_COST_EXPLORER: fake.url,
          LOG_LEVEL: 'error',
        },
        stderr: 'ignore',
      });
      const client = new Client({ name: 'bench', version: '1.0.0' });
      const started = performance.now();
      await client.connect(transport);
      times.push(performance.now() - started);
      await client.close();
    }
  } finally {
    await fake.close();
  }
  return round(
    percentile(
      times.sort((a, b) => a - b),
      0.5,
    ),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function print(r: CostBenchResult): void {
  console.log(
    `${r.name}: ${r.runs} runs; uncached p50 ${r.uncachedP50Ms} ms, p95 ${r.uncachedP95Ms} ms ` +
      `(${r.requestsPerCall} billed requests each, fake answers locally); cached p50 ${r.cachedP50Ms} ms, p95 ${r.cachedP95Ms} ms; ` +
      `text ${r.textBytes} bytes (~${r.approxTextTokens} tokens), PNG chart ${r.imageBytes} bytes (${r.imageBase64Bytes} base64); ` +
      `stdio cold start to initialize p50 ${r.coldStartP50Ms === undefined ? 'n/a (not built)' : `${r.coldStartP50Ms} ms`}`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
