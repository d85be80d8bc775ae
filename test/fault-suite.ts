/**
 * What the fault suites (test/faults-*.test.ts) share: the faults every fake is put through, a
 * watch on the process for rejections nobody handled, and the rule a tool's answer must meet
 * under a fault: a success, or an error a person can act on, inside the call's deadline.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { WireFaultRule, WireFaults } from './fakes/wire-faults.ts';

/** SRE_FAULTS_VERBOSE=1 prints one line per call: which tool answered what under which fault. */
export const VERBOSE = process.env.SRE_FAULTS_VERBOSE === '1';

/** Low, so a stalled upstream costs seconds, not the production minute. */
export const DEADLINE_MS = 1500;
/** Time past the deadline a call may take to come back (event loop, rendering, a loaded CI machine). */
export const SLACK_MS = 1500;

export type FaultCase = { name: string; rules: WireFaultRule[]; persistent: boolean };

/** Every fault, in the shape all fakes share; persistent ones hit every request until cleared. */
export const FAULTS: readonly FaultCase[] = [
  {
    name: 'latency under the deadline',
    rules: [{ kind: 'latency', ms: 150, times: Infinity }],
    persistent: true,
  },
  {
    name: 'latency past the deadline',
    rules: [{ kind: 'latency', ms: DEADLINE_MS + 500, times: Infinity }],
    persistent: true,
  },
  {
    name: '429 with Retry-After',
    rules: [{ kind: 'status', status: 429, retryAfterSeconds: 1, times: Infinity }],
    persistent: true,
  },
  { name: '500 burst of 2', rules: [{ kind: 'status', status: 500, times: 2 }], persistent: false },
  { name: '503 burst of 3', rules: [{ kind: 'status', status: 503, times: 3 }], persistent: false },
  { name: '503 always', rules: [{ kind: 'status', status: 503, times: Infinity }], persistent: true },
  { name: 'connection reset mid-body', rules: [{ kind: 'reset', times: Infinity }], persistent: true },
  { name: 'reset once, then healthy', rules: [{ kind: 'reset', times: 1 }], persistent: false },
  { name: 'truncated JSON', rules: [{ kind: 'truncate', times: Infinity }], persistent: true },
  { name: 'stalled stream', rules: [{ kind: 'stall', times: Infinity }], persistent: true },
];

/**
 * Collects unhandled rejections and uncaught exceptions while the suite runs, and fails it in
 * `afterAll` if there was any: a promise left behind by a timed-out call is exactly the bug we hunt.
 */
export function watchProcess(): { escaped: unknown[] } {
  const escaped: unknown[] = [];
  const onEscape = (error: unknown) => escaped.push(error);
  beforeAll(() => {
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
  });
  afterAll(() => {
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
    expect(escaped.map(String)).toEqual([]);
  });
  return { escaped };
}

export type Outcome = { tool: string; fault: string; ms: number; isError: boolean; text: string };

/** The text of an error a person can act on: says what failed, never a stack or an object dump. */
export function unclear(outcome: Outcome): string | undefined {
  if (!outcome.isError) return undefined;
  const text = outcome.text;
  if (text.trim().length < 20) return 'too short to say what failed';
  if (/\n\s+at .+:\d+:\d+/.test(text)) return 'a stack trace';
  // The generic wrapper of a thrown bug: an upstream fault is expected, so it deserves a cause.
  if (/failed unexpectedly/.test(text)) return 'an upstream fault reported as a bug';
  if (/\[object Object\]|\bundefined\b|\bnull\b(?! value)/.test(text)) return 'an unrendered value';
  return undefined;
}

/** A call bounded by the deadline, measured, with its outcome in one flat record. */
export async function timed(
  tool: string,
  fault: string,
  call: () => Promise<{ isError: boolean; text: string }>,
): Promise<Outcome> {
  const started = performance.now();
  const { isError, text } = await call();
  return { tool, fault, ms: Math.round(performance.now() - started), isError, text };
}

/** One line per call, for the suite's log (which tool answered how under which fault). */
export function summarise(outcomes: readonly Outcome[]): string {
  return outcomes
    .map(
      (o) =>
        `${o.fault} | ${o.tool} | ${o.ms} ms | ${o.isError ? `error: ${o.text.split('\n')[0]?.slice(0, 140)}` : 'ok'}`,
    )
    .join('\n');
}

/** A server under test: its tools, how to call one, and the faults of the fake behind it. */
export type FaultTarget = {
  tools: () => string[];
  call: (tool: string) => Promise<{ isError: boolean; text: string }>;
  wire: () => WireFaults;
  /** Tools that answer without the upstream (a date, the kubeconfig): they succeed under any fault. */
  local: readonly string[];
};

/** Calls every tool under one fault: all at once for a persistent fault, one by one for a burst. */
export async function callUnderFault(target: FaultTarget, fault: FaultCase): Promise<Outcome[]> {
  const wire = target.wire();
  const outcomes: Outcome[] = [];
  if (fault.persistent) {
    wire.inject(...fault.rules);
    outcomes.push(
      ...(await Promise.all(target.tools().map((tool) => timed(tool, fault.name, () => target.call(tool))))),
    );
  } else {
    // A burst is per call: each tool meets it fresh, to show whether it retries through it.
    for (const tool of target.tools()) {
      wire.clear();
      wire.inject(...fault.rules);
      outcomes.push(await timed(tool, fault.name, () => target.call(tool)));
    }
  }
  wire.clear();
  return outcomes;
}

/** The assertions every fault case makes, whatever the server. */
export function expectSafe(target: FaultTarget, fault: FaultCase, outcomes: readonly Outcome[]): void {
  if (VERBOSE) console.log(summarise(outcomes));
  expect(outcomes.filter((o) => o.ms > DEADLINE_MS + SLACK_MS).map((o) => `${o.tool} ${o.ms} ms`)).toEqual(
    [],
  );
  const unclearOnes = outcomes.flatMap((o) => {
    const why = unclear(o);
    return why ? [`${o.tool}: ${why}: ${o.text.slice(0, 300)}`] : [];
  });
  expect(unclearOnes).toEqual([]);
  if (fault.name === 'latency past the deadline')
    expect(outcomes.filter((o) => !o.isError).map((o) => o.tool)).toEqual([...target.local]);
  if (fault.name === 'latency under the deadline')
    expect(outcomes.filter((o) => !o.isError).length).toBeGreaterThan(target.local.length);
}
