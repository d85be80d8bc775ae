/** `npm run eval -- --no-model`: every task's tools called directly, scored, written to evals/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAwsTaskNoModel } from './no-model-aws.ts';
import { runKubeTaskNoModel } from './no-model-kube.ts';
import { type NoModelResult, noModelConsole, noModelMarkdown, summarize } from './report-no-model.ts';
import type { Task } from './task.ts';
import { measureToolsLists } from './tools-list.ts';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export async function runNoModel(
  tasks: Task[],
  onResult?: (r: NoModelResult) => void,
): Promise<NoModelResult[]> {
  const results: NoModelResult[] = [];
  // One task at a time: the machine is small and timings stay comparable.
  for (const task of tasks) {
    const result = task.domain === 'kube' ? await runKubeTaskNoModel(task) : await runAwsTaskNoModel(task);
    results.push(result);
    onResult?.(result);
  }
  return results;
}

export async function noModelMain(tasks: Task[], write: boolean): Promise<NoModelResult[]> {
  const started = performance.now();
  const results = await runNoModel(tasks);
  const toolsList = await measureToolsLists();
  const summary = summarize(results);
  console.log(noModelConsole(results, summary));
  for (const t of toolsList) {
    console.log(
      `tools/list ${t.server}${t.writes ? ' (writes on)' : ''}: ${t.tools} tools, ${t.bytes} B, ${t.tokens} tokens`,
    );
  }
  if (write) {
    const meta = { date: new Date().toISOString(), ms: performance.now() - started };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'no-model.md'), noModelMarkdown(results, summary, meta, toolsList));
    writeFileSync(
      join(RESULTS_DIR, 'no-model.json'),
      `${JSON.stringify({ ...meta, summary, toolsList, results }, null, 2)}\n`,
    );
    console.log(`\nwritten: evals/results/no-model.md, evals/results/no-model.json`);
  }
  return results;
}
