import type { AdkEvent } from '../adk/types.js';
import { requestConfirmationName } from '../runner/confirmation.js';
import { transferToAgentName } from '../runner/transfer.js';

const maxResultChars = 300;

/**
 * One event as terminal lines: the model's answer in full, each tool call on one line, each result
 * as its first line (the model read all of it; the person wants to see that it happened).
 */
export function renderEvent(event: AdkEvent): string {
  const lines: string[] = [];
  if (event.errorCode) lines.push(`! ${event.errorCode}: ${event.errorMessage ?? ''}`);
  for (const part of event.content?.parts ?? []) {
    if (part.thought) continue;
    if (part.text) lines.push(part.text.trimEnd());
    const call = part.functionCall;
    if (call?.name === transferToAgentName) lines.push(`  => ${String(call.args?.agent_name ?? '?')}`);
    else if (call && call.name !== requestConfirmationName)
      lines.push(`  -> ${call.name} ${JSON.stringify(call.args ?? {})}`);
    const response = part.functionResponse;
    // A hand-over's answer says nothing (ADK's null); a refused one is shown like any failed call.
    const silent = response?.name === transferToAgentName && response.response.error === undefined;
    if (response && response.name !== requestConfirmationName && !silent) {
      lines.push(`  <- ${response.name}: ${firstLine(JSON.stringify(response.response ?? {}))}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function firstLine(text: string): string {
  const line = text.split('\\n')[0] ?? '';
  return line.length > maxResultChars ? `${line.slice(0, maxResultChars)}…` : line;
}
