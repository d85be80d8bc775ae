/**
 * The shape of `evals/tasks/<name>/task.json`, validated once at load so a typo in a task fails
 * with the task's name and the field, not as a wrong score. See evals/README.md for the format.
 */
import { z } from 'zod';

const ref = z
  .object({
    kind: z.string().describe('Kind as the API names it: Deployment, Node, Service, ...'),
    namespace: z.string().optional().describe('Absent for cluster-scoped kinds'),
    name: z.string(),
  })
  .describe('An object of the fake cluster');

const rootCause = z.object({
  object: ref,
  cause: z.array(z.string()).min(1).describe('Accepted cause codes (causes.ts), any one matches'),
});

const stateCheck = z.object({
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  path: z
    .union([z.string(), z.array(z.string())])
    .describe('Dotted path in the stored object (spec.replicas), or its segments when a key has dots'),
  equals: z.unknown().optional().describe('Value expected after the run'),
  exists: z.boolean().optional().describe('Instead of equals: the value is (or is not) set'),
});

const expectedValue = z.union([
  z.string().describe('Text the tool answer must contain (case-insensitive)'),
  z.object({
    ledger: z.object({
      start: z.string().describe('YYYY-MM-DD inclusive'),
      end: z.string().describe('YYYY-MM-DD exclusive'),
      service: z.string().optional(),
      untagged: z.string().optional().describe('Only line items without this tag key'),
    }),
    format: z.enum(['dollars', 'whole-dollars']).default('dollars'),
  }),
  z.object({
    pattern: z.string().describe('Regular expression the answer must match (case-insensitive, multiline)'),
  }),
]);

const awsCall = z.object({
  server: z.enum(['aws_cost', 'aws_core']),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()).default({}),
  contains: z.array(expectedValue).default([]).describe('What the answer must contain'),
});

const verify = z.object({
  /** The root cause: first entry is the intended one, the rest are accepted alternates. */
  rootCause: z.array(rootCause).default([]),
  /** Words (names, keys, images) a correct answer must name; case-insensitive. */
  mustName: z.array(z.string()).default([]),
  /** Tools (server__tool or bare tool name) a correct investigation may call; at least one must be. */
  tools: z.array(z.string()).default([]),
  /** The workload diagnose_workload is asked about in the no-model run. */
  workload: ref.optional(),
  /** AWS tool calls of the no-model run, each with what its answer must contain. */
  aws: z.array(awsCall).default([]),
  /** What the eval answers when the runner asks for a human's yes. Default: no. */
  human: z.enum(['yes', 'no']).default('no'),
  /** Expected state of the fake after a model run; nothing else may change. */
  state: z.array(stateCheck).default([]),
  /** The run must ask for a confirmation (a write that must wait for approval). */
  confirmationAsked: z.boolean().default(false),
  /** Words that must NOT appear in the answer (e.g. "scaled to 0"). */
  mustNotSay: z.array(z.string()).default([]),
});

export const taskSchema = z.object({
  title: z.string().describe('One line: the failure'),
  question: z.string().describe('What the on-call SRE types'),
  now: z.string().optional().describe('ISO time the scenario is built at (default 2026-03-10T03:07:00Z)'),
  kube: z.record(z.string(), z.unknown()).optional().describe('Compact scenario, see kube/scenario.ts'),
  aws: z
    .object({
      cost: z
        .object({
          spikes: z
            .array(
              z.object({
                id: z.string(),
                service: z.string(),
                daysAgo: z.number().int(),
                length: z.number().int().positive(),
                factor: z.number().positive(),
              }),
            )
            .default([]),
        })
        .optional(),
      core: z.record(z.string(), z.unknown()).optional(),
      kubeContext: z.object({ cluster: z.string(), region: z.string() }).optional(),
    })
    .optional(),
  verify,
});

export type TaskSpec = z.infer<typeof taskSchema>;
export type Verify = TaskSpec['verify'];
export type ObjectRefSpec = z.infer<typeof ref>;
export type RootCause = z.infer<typeof rootCause>;
export type AwsCallSpec = z.infer<typeof awsCall>;
export type ExpectedValue = z.infer<typeof expectedValue>;

export interface Task extends TaskSpec {
  /** The folder name. */
  name: string;
  dir: string;
  /** Which fakes the task needs. */
  domain: 'kube' | 'aws';
}

export const DEFAULT_NOW = '2026-03-10T03:07:00Z';
/** The Cost Explorer fake's ledger and the AWS expectations are laid out around this day. */
export const AWS_NOW = '2025-06-18T10:30:00Z';

/** The moment the task's fakes and servers live in. */
export function taskNow(task: Pick<Task, 'now' | 'domain'>): Date {
  return new Date(task.now ?? (task.domain === 'kube' ? DEFAULT_NOW : AWS_NOW));
}
