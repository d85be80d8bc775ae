/**
 * Fault suite of the model side: the real runner and Gemini client against the Gemini fake under
 * each wire fault, unary and streaming. Every turn ends, inside the model timeout plus slack, either
 * with the answer or with an error event naming the cause; nothing rejects unhandled.
 */
import { describe, expect, it } from 'vitest';
import { FAULTS, VERBOSE, watchProcess } from './fault-suite.ts';
import { ask, pods, useRunnerHarness } from './orchestrator-runner-harness.ts';

/** The harness's model timeout is 500 ms; a turn makes two model calls and one tool call. */
const TURN_LIMIT_MS = 4_000;

watchProcess();
const harness = useRunnerHarness();

describe('the runner when Gemini misbehaves on the wire', () => {
  for (const fault of FAULTS) {
    for (const streaming of [false, true]) {
      it(`${fault.name}${streaming ? ', streaming' : ''}: the turn ends with the answer or an error event`, async () => {
        const bench = await harness.setup(
          [
            { functionCalls: [{ name: 'k8s__list_pods', args: { namespace: 'payments' } }] },
            { text: 'api-1 is crash looping.' },
          ],
          { k8s__list_pods: pods },
        );
        harness.fake!.wire.inject(...fault.rules);
        const started = performance.now();
        const events = await bench.run(ask('What is broken?'), streaming);
        const ms = performance.now() - started;
        harness.fake!.wire.clear();
        const last = events.at(-1);
        if (VERBOSE)
          console.log(
            `${fault.name}${streaming ? ' (stream)' : ''}: ${Math.round(ms)} ms, ${last?.errorCode ?? 'answer'}: ${last?.errorMessage ?? ''}`,
          );
        expect(ms).toBeLessThan(TURN_LIMIT_MS);
        // A persistent fault must be seen: it ends the turn with an error (latency under the timeout aside).
        if (fault.persistent && fault.name !== 'latency under the deadline')
          expect(last?.errorCode).toBeDefined();
        if (last?.errorCode) {
          expect(last.errorMessage ?? '').toMatch(/\w{3,}.{15,}/);
          expect(last.errorMessage).not.toMatch(/\n\s+at |\[object Object\]/);
        } else {
          expect(last?.content?.parts.map((part) => part.text).join('')).toBe('api-1 is crash looping.');
        }
        // The script is not the subject here: a fault may have eaten a turn, or left one unused.
        harness.fake!.reset();
      });
    }
  }
});
