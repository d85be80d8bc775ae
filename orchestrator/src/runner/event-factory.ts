import { randomUUID } from 'node:crypto';
import { fullActions } from '../adk/event-actions.js';
import type { AdkEvent } from '../adk/types.js';

export type EventDraft = Omit<AdkEvent, 'id' | 'invocationId' | 'author' | 'timestamp' | 'actions'> &
  Partial<Pick<AdkEvent, 'id' | 'author' | 'actions'>>;

export interface EventFactory {
  readonly invocationId: string;
  /** The agent whose events these are now; a transfer hands the invocation to another agent. */
  author: string;
  /** A complete event of this invocation, authored by `author` unless the draft says otherwise. */
  make(draft: EventDraft): AdkEvent;
}

/**
 * Events of one invocation. Timestamps only ever increase, even within one millisecond, because the
 * session's history is ordered by them.
 */
export function createEventFactory(agentName: string, after: number): EventFactory {
  const invocationId = `e-${randomUUID()}`;
  let last = after;
  const factory: EventFactory = {
    invocationId,
    author: agentName,
    make(draft) {
      last = Math.max(Date.now() / 1000, last + 0.000_001);
      return {
        ...draft,
        id: draft.id ?? randomUUID(),
        invocationId,
        author: draft.author ?? factory.author,
        timestamp: last,
        actions: fullActions(draft.actions),
      };
    },
  };
  return factory;
}

/** Client-side function call ids, as ADK makes them; the model layer keeps them away from the model. */
export function newCallId(): string {
  return `adk-${randomUUID()}`;
}
