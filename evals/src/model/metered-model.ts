/**
 * Wraps the model to see what each request carried: tool schemas, tool results and the rest, in
 * bytes (the provider reports only totals), and the provider's own token counts when it sends them.
 */
import type { Content, Model, ModelRequest, ModelTurn } from '@sre-agent/orchestrator';

export interface Meter {
  calls: number;
  /** Bytes sent, by part. */
  schemaBytes: number;
  toolResultBytes: number;
  restBytes: number;
  /** Provider-reported tokens, summed over calls (0 when the provider sent none). */
  promptTokens: number;
  outputTokens: number;
  /** Bytes of what the model answered (text and calls), for an estimate when no count is reported. */
  outputBytes: number;
  modelMs: number;
}

export const emptyMeter = (): Meter => ({
  calls: 0,
  schemaBytes: 0,
  toolResultBytes: 0,
  restBytes: 0,
  promptTokens: 0,
  outputTokens: 0,
  outputBytes: 0,
  modelMs: 0,
});

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? ''), 'utf8');

function measure(meter: Meter, request: ModelRequest): void {
  const results = request.contents.flatMap((c: Content) => c.parts.filter((p) => p.functionResponse));
  const toolResultBytes = bytes(results);
  meter.calls += 1;
  meter.schemaBytes += bytes(request.tools);
  meter.toolResultBytes += toolResultBytes;
  meter.restBytes += bytes(request.contents) - toolResultBytes + bytes(request.systemInstruction);
}

function record(meter: Meter, turn: ModelTurn, started: number, usage: boolean): ModelTurn {
  meter.modelMs += performance.now() - started;
  if (turn.ok) meter.outputBytes += bytes(turn.content.parts);
  if (usage && turn.ok && turn.usage) {
    meter.promptTokens += Number(turn.usage.promptTokenCount ?? 0);
    meter.outputTokens +=
      Number(turn.usage.candidatesTokenCount ?? 0) + Number(turn.usage.thoughtsTokenCount ?? 0);
  }
  return turn;
}

/**
 * The runner tells the model the wall-clock time; the task's fakes and servers live at the task's
 * time. Left as is, a model asking for "last month" by date would ask about months the fakes never saw.
 */
function atTaskTime(request: ModelRequest, now: Date | undefined): ModelRequest {
  if (!now) return request;
  const systemInstruction = request.systemInstruction.replace(
    /Current time: \S+\./,
    `Current time: ${now.toISOString()}.`,
  );
  return { ...request, systemInstruction };
}

/** `usage: false` ignores the counts the model reports (the scripted fake's are made up). */
export function meteredModel(model: Model, meter: Meter, usage = true, now?: Date): Model {
  return {
    name: model.name,
    async generate(original) {
      const request = atTaskTime(original, now);
      measure(meter, request);
      const started = performance.now();
      return record(meter, await model.generate(request), started, usage);
    },
    async *generateStream(original) {
      const request = atTaskTime(original, now);
      measure(meter, request);
      const started = performance.now();
      for await (const chunk of model.generateStream(request)) {
        if (chunk.type === 'final') record(meter, chunk.turn, started, usage);
        yield chunk;
      }
    },
  };
}
