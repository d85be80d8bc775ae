import type { Model, ModelFailure } from './model.js';

/**
 * Stands in when no API key is configured, so `sre-agent serve` still starts (sessions, health) and
 * each run explains what is missing instead of failing somewhere inside the client library.
 */
export function createUnconfiguredModel(name: string, remedy: string): Model {
  const failure: ModelFailure = { ok: false, errorCode: 'MODEL_NOT_CONFIGURED', errorMessage: remedy };
  return {
    name,
    generate: async () => failure,
    async *generateStream() {
      yield { type: 'final', turn: failure };
    },
  };
}
