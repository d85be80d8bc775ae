import type { AdkEvent, EventActions } from './types.js';

/**
 * ADK's EventActions as its api_server serializes them: the four maps always present, empty when unused.
 * The dev UI reads `requestedAuthConfigs` and `requestedToolConfirmations` without checking for them.
 */
export function fullActions(actions: Partial<EventActions> | undefined): EventActions {
  return {
    ...actions,
    stateDelta: actions?.stateDelta ?? {},
    artifactDelta: actions?.artifactDelta ?? {},
    requestedAuthConfigs: actions?.requestedAuthConfigs ?? {},
    requestedToolConfirmations: actions?.requestedToolConfirmations ?? {},
  };
}

/** An event with its actions completed (stored events from before the maps were written have two). */
export function withFullActions(event: AdkEvent): AdkEvent {
  return { ...event, actions: fullActions(event.actions) };
}
