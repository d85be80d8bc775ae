/**
 * `npm run eval -- --model <provider:model>`: every task through the orchestrator's runner with a
 * real model (Gemini: GOOGLE_API_KEY, optional GOOGLE_GEMINI_BASE_URL) or `scripted` (the Gemini wire
 * fake playing a script), scored and written to evals/results/model-<name>.{md,json}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AgentMode,
  createConfiguredModel,
  createGeminiModel,
  type Model,
  modelEnvShape,
  modelSettings,
  parseModelSpec,
} from '@sre-agent/orchestrator';
import { z } from 'zod';
import { type GeminiFake, startGeminiFake } from '../../test/fakes/gemini/gemini-fake.ts';
import { createMemoryStore } from './model/memory-store.ts';
import { emptyMeter, meteredModel } from './model/metered-model.ts';
import { type ModelTaskResult, runTaskWithModel } from './model/run-task.ts';
import { type ScriptTurn, scriptFor, toStep } from './model/scripted.ts';
import { RESULTS_DIR } from './no-model.ts';
import { modelConsole, modelMarkdown, summarizeModel } from './report-model.ts';
import { type Task, taskNow } from './task.ts';

export interface ModelRunOptions {
  /** `scripted`, or `<provider>:<model>` as SRE_MODEL takes it (gemini:gemini-2.5-flash, anthropic:...). */
  model: string;
  /** Scripts by task name for `scripted`, instead of the tasks' own (tests use this). */
  scripts?: Record<string, ScriptTurn[]>;
  env?: Record<string, string | undefined>;
  onResult?: (result: ModelTaskResult) => void;
}

interface ModelSetup {
  model: Model;
  /** Whether the token counts the model reports are real. */
  usage: boolean;
  name: string;
  /** Scripts call server tools directly, so the scripted model runs as one agent; a real one as `serve` does. */
  agentMode: AgentMode;
  before(task: Task): void;
  fake?: GeminiFake;
  close(): Promise<void>;
}

async function setupModel(options: ModelRunOptions): Promise<ModelSetup> {
  if (options.model === 'scripted') {
    const fake = await startGeminiFake();
    const model = createGeminiModel({
      apiKey: 'scripted',
      model: 'scripted',
      baseUrl: fake.url,
      timeoutMs: 10_000,
    });
    return {
      model,
      usage: false,
      name: 'scripted',
      agentMode: 'single',
      fake,
      before(task) {
        fake.reset();
        fake.push(...(options.scripts?.[task.name] ?? scriptFor(task)).map(toStep));
      },
      close: () => fake.close(),
    };
  }
  return providerModel(options.model, options.env ?? process.env);
}

/**
 * A real model, chosen as SRE_MODEL chooses it (`gemini:`, `anthropic:`, `openai:`,
 * `openai-compatible:<model>@<url>`, `bedrock:`), with the same keys and endpoints from the environment.
 */
function providerModel(text: string, env: Record<string, string | undefined>): ModelSetup {
  const spec = parseModelSpec(text);
  if ('error' in spec) throw new Error(`--model ${text}: ${spec.error}; or scripted`);
  const parsed = z.object(modelEnvShape).safeParse({ ...env, SRE_MODEL: text });
  if (!parsed.success) {
    throw new Error(
      `--model ${text}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const settings = modelSettings(parsed.data, {
    model: spec.model,
    apiKey: env.GOOGLE_API_KEY ?? env.GEMINI_API_KEY,
    baseUrl: env.GOOGLE_GEMINI_BASE_URL,
    timeoutMs: 120_000,
  });
  const { model, warning } = createConfiguredModel(settings);
  // A missing key would fail every task the same way: say it once, before running anything.
  if (warning) throw new Error(`--model ${text}: ${warning}`);
  const agentMode = env.SRE_AGENT_MODE === 'single' ? 'single' : 'delegate';
  return { model, usage: true, name: spec.model, agentMode, before: () => {}, close: async () => {} };
}

export async function runWithModel(tasks: Task[], options: ModelRunOptions): Promise<ModelTaskResult[]> {
  const setup = await setupModel(options);
  const store = createMemoryStore();
  const results: ModelTaskResult[] = [];
  try {
    for (const task of tasks) {
      setup.before(task);
      const meter = emptyMeter();
      const result = await runTaskWithModel(task, {
        store,
        model: meteredModel(setup.model, meter, setup.usage, taskNow(task)),
        meter,
        agentMode: setup.agentMode,
      });
      // A script the run did not use up, or a request the fake refused, is the harness's failure, not the model's.
      const leftover = setup.fake ? [...setup.fake.failures] : [];
      if (leftover.length) result.reasons.push(...leftover.map((f) => `scripted model: ${f}`));
      result.passed = result.reasons.length === 0;
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await setup.close();
  }
  return results;
}

export async function modelMain(tasks: Task[], model: string, write: boolean): Promise<void> {
  const started = performance.now();
  const results = await runWithModel(tasks, {
    model,
    onResult: (r) => console.log(`${r.task}: ${r.passed ? 'pass' : 'fail'}`),
  });
  const summary = summarizeModel(results, model);
  console.log(`\n${modelConsole(results, summary)}`);
  if (!write) return;
  const meta = { date: new Date().toISOString(), ms: performance.now() - started, model };
  const base = `model-${model.replace(/[^a-zA-Z0-9.-]+/g, '-')}`;
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${base}.md`), modelMarkdown(results, summary, meta));
  writeFileSync(
    join(RESULTS_DIR, `${base}.json`),
    `${JSON.stringify({ ...meta, summary, results }, null, 2)}\n`,
  );
  console.log(`\nwritten: evals/results/${base}.md, evals/results/${base}.json`);
}
