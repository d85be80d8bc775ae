/** Reads every `evals/tasks/<name>/task.json`, validated; a broken task names itself and the field. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Task, taskSchema } from './task.ts';

export const TASKS_DIR = fileURLToPath(new URL('../tasks/', import.meta.url));

export function loadTask(dir: string): Task {
  const name = dir.split('/').filter(Boolean).at(-1)!;
  const file = join(dir, 'task.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`task ${name}: ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = taskSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`task ${name}: ${issues.join('; ')}`);
  }
  const spec = parsed.data;
  if (!spec.kube && !spec.aws) throw new Error(`task ${name}: needs a "kube" or an "aws" scenario`);
  return { ...spec, name, dir, domain: spec.kube ? 'kube' : 'aws' };
}

/** All tasks, sorted by name; `only` keeps those whose name contains one of the given words. */
export function loadTasks(only: string[] = [], root = TASKS_DIR): Task[] {
  const names = readdirSync(root)
    .filter((entry) => statSync(join(root, entry)).isDirectory())
    .filter((entry) => only.length === 0 || only.some((word) => entry.includes(word)))
    .sort();
  return names.map((entry) => loadTask(join(root, entry)));
}
