/**
 * `--model scripted`: the Gemini wire fake plays the model from a script, so the whole path (runner,
 * hub, servers, fakes, confirmations, scoring) runs in CI without a key. A task may carry its own
 * `script.json`; otherwise the default script calls the task's first tools and answers with what they
 * returned, a "model" that only repeats its tools: what the servers alone make of the incident.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeminiTurn, RecordedRequest, ScriptStep } from '../../../test/fakes/gemini/gemini-fake.ts';
import type { Task } from '../task.ts';

/** One turn of a script.json: call tools, say something, or repeat the last tool results. */
export type ScriptTurn =
  | { call: string; args?: Record<string, unknown> }
  | { calls: { name: string; args?: Record<string, unknown> }[] }
  | { text: string }
  | { echo: true; prefix?: string };

/** The text of the tool results in the request's last message. */
export function lastToolResults(request: RecordedRequest): string {
  const last = request.contents.at(-1);
  return (last?.parts ?? [])
    .flatMap((part) => {
      const response = part.functionResponse?.response as { result?: unknown; error?: unknown } | undefined;
      if (!response) return [];
      const value = response.result ?? response.error;
      return [typeof value === 'string' ? value : JSON.stringify(value)];
    })
    .join('\n');
}

export function toStep(turn: ScriptTurn): ScriptStep {
  if ('call' in turn) return { functionCalls: [{ name: turn.call, args: turn.args ?? {} }] };
  if ('calls' in turn)
    return { functionCalls: turn.calls.map((c) => ({ name: c.name, args: c.args ?? {} })) };
  if ('text' in turn) return { text: turn.text };
  const prefix = turn.prefix ?? 'From the tools:';
  return (request: RecordedRequest): GeminiTurn => ({ text: `${prefix}\n${lastToolResults(request)}` });
}

export function defaultScript(task: Task): ScriptTurn[] {
  if (task.domain === 'aws') {
    return [
      { calls: task.verify.aws.map((c) => ({ name: `${c.server}__${c.tool}`, args: c.args })) },
      { echo: true },
    ];
  }
  const workload = task.verify.workload;
  const call: ScriptTurn = workload
    ? {
        call: 'k8s__diagnose_workload',
        args: { kind: workload.kind, name: workload.name, namespace: workload.namespace },
      }
    : { call: 'k8s__diagnose_cluster', args: {} };
  return [call, { echo: true }];
}

/** The task's script.json when it has one, else the default. */
export function scriptFor(task: Task): ScriptTurn[] {
  const file = join(task.dir, 'script.json');
  if (!existsSync(file)) return defaultScript(task);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { turns: ScriptTurn[] };
  return parsed.turns;
}
