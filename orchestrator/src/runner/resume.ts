import { randomUUID } from 'node:crypto';
import type { Content, Part } from '../adk/types.js';
import { confirmationAnswers, type PendingConfirmation } from './confirmation.js';
import {
  auditEntry,
  callDurations,
  type IdentifiedCall,
  runToolCalls,
  savedArtifacts,
} from './tool-calls.js';
import { imageKeeper, persist, persistError, type Turn } from './turn.js';
import { traceToolCall } from './turn-trace.js';

interface Decision {
  call: IdentifiedCall;
  confirmed: boolean;
  reason: string;
}

/**
 * Settles the confirmations the client answered in `message`: confirmed calls run (with the human's
 * yes passed on to the server), refused ones are recorded as refused. Returns whether the model should
 * now be called: not while some confirmation is still unanswered.
 */
export async function resumeConfirmations(
  turn: Turn,
  pending: PendingConfirmation[],
  message: Content,
): Promise<boolean> {
  const answers = confirmationAnswers(message.parts);
  const movedOn = message.parts.some((part) => Boolean(part.text?.trim()) || Boolean(part.inlineData));
  if (pending.length === 0) {
    if (answers.size === 0 || movedOn) return true;
    const ids = [...answers.keys()].join(', ');
    await persistError(
      turn,
      'NO_PENDING_CONFIRMATION',
      `No confirmation is waiting under ${ids}: it was answered already or never asked. Nothing was run.`,
    );
    return false;
  }
  const decisions = decide(pending, answers, movedOn);
  if (decisions.length === 0) {
    const ids = pending.map((entry) => entry.requestId).join(', ');
    await persistError(
      turn,
      'CONFIRMATION_REQUIRED',
      `A change is waiting for confirmation: answer ${ids} with a functionResponse named ` +
        'adk_request_confirmation and response {"confirmed": true} or {"confirmed": false}, or ask something else.',
    );
    return false;
  }
  await settle(turn, decisions);
  return decisions.length === pending.length;
}

function decide(pending: PendingConfirmation[], answers: Map<string, boolean | undefined>, movedOn: boolean) {
  const decisions: Decision[] = [];
  for (const { requestId, call } of pending) {
    if (answers.has(requestId)) {
      const answer = answers.get(requestId);
      const reason =
        answer === undefined ? 'the answer carried no "confirmed" boolean' : 'the user rejected it';
      decisions.push({ call, confirmed: answer === true, reason });
    } else if (movedOn) {
      // A new question instead of an answer: the change is dropped, never run later by surprise.
      decisions.push({ call, confirmed: false, reason: 'the user sent a new message instead of confirming' });
    }
  }
  return decisions;
}

async function settle(turn: Turn, decisions: Decision[]): Promise<void> {
  const { deps, key, factory } = turn;
  // An approved change is not cut off when the client leaves: cancelled half way, it may have changed the
  // cluster while the record says it failed. The call timeout still bounds it.
  const responseId = randomUUID();
  const context = {
    hub: deps.hub,
    maxChars: deps.config.toolResultMaxChars,
    signal: new AbortController().signal,
    invocationId: factory.invocationId,
    onCall: (call: IdentifiedCall) => traceToolCall(turn.trace, responseId, call, ''),
    images: imageKeeper(turn),
  };
  const approved = decisions.filter((decision) => decision.confirmed).map((decision) => decision.call);
  const results = await runToolCalls(approved, context, true);
  const parts: Part[] = [];
  for (const decision of decisions) {
    const result = results.find((candidate) => candidate.call.id === decision.call.id);
    if (result) {
      parts.push(result.part);
      const outcome = result.outcome.uncertain ? 'unknown' : result.outcome.isError ? 'failed' : 'confirmed';
      await deps.store.recordAudit(
        auditEntry(key, factory.invocationId, decision.call, outcome, result.outcome.text),
      );
      continue;
    }
    const refusal = `Not executed: ${decision.reason}. Nothing was changed.`;
    parts.push({
      functionResponse: { id: decision.call.id, name: decision.call.name, response: { error: refusal } },
    });
    await deps.store.recordAudit(
      auditEntry(key, factory.invocationId, decision.call, 'declined', decision.reason),
    );
  }
  await persist(turn, {
    id: responseId,
    content: { role: 'user', parts },
    actions: savedArtifacts(results),
    ...callDurations(results),
  });
}
