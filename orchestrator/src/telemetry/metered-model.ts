import type { Model, ModelChunk, ModelRequest, ModelTurn } from '../model/model.js';
import type { Metrics } from './metrics.js';

/** The model, with each call's latency, outcome and tokens counted under its provider. */
export function meteredModel(model: Model, provider: string, metrics: Pick<Metrics, 'modelCall'>): Model {
  const observe = (started: number, turn: ModelTurn) =>
    metrics.modelCall({
      provider,
      model: model.name,
      ok: turn.ok,
      seconds: (performance.now() - started) / 1000,
      usage: turn.ok ? turn.usage : undefined,
    });
  return {
    name: model.name,
    async generate(request: ModelRequest) {
      const started = performance.now();
      const turn = await model.generate(request);
      observe(started, turn);
      return turn;
    },
    async *generateStream(request: ModelRequest): AsyncIterable<ModelChunk> {
      const started = performance.now();
      for await (const chunk of model.generateStream(request)) {
        if (chunk.type === 'final') observe(started, chunk.turn);
        yield chunk;
      }
    },
  };
}
