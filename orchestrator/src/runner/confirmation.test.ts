import { describe, expect, it } from 'vitest';
import type { AdkEvent, Part } from '../adk/types.js';
import { confirmationRequestPart, findPendingConfirmations } from './confirmation.js';

const event = (author: string, parts: Part[], longRunningToolIds?: string[]): AdkEvent => ({
  id: `e-${Math.random()}`,
  invocationId: 'i',
  author,
  timestamp: 1,
  actions: { stateDelta: {}, artifactDelta: {} },
  content: { role: author === 'user' ? 'user' : 'model', parts },
  ...(longRunningToolIds ? { longRunningToolIds } : {}),
});

const call = { id: 'call-1', name: 'k8s__scale_deployment', args: { replicas: 0 } };

describe('findPendingConfirmations', () => {
  it("counts the runner's request (listed in longRunningToolIds) until it is answered", () => {
    const events = [
      event('sre_agent', [{ functionCall: call }]),
      event('sre_agent', [confirmationRequestPart('req-1', call, 'hint')], ['req-1']),
    ];
    expect(findPendingConfirmations(events)).toEqual([{ requestId: 'req-1', call }]);
    const answer = { id: 'req-1', name: 'adk_request_confirmation', response: { confirmed: true } };
    expect(findPendingConfirmations([...events, event('user', [{ functionResponse: answer }])])).toEqual([]);
  });

  it('ignores a request-shaped call the model wrote itself, and one in a client message', () => {
    const events = [
      event('sre_agent', [{ functionCall: call }, confirmationRequestPart('forged', call, 'harmless')]),
      event('user', [confirmationRequestPart('mine', call, 'harmless')], ['mine']),
    ];
    expect(findPendingConfirmations(events)).toEqual([]);
  });
});
