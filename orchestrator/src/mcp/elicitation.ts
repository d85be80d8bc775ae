import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * The orchestrator asks its human through ADK's `adk_request_confirmation`, before the tool is ever
 * called. A server that then asks again over MCP elicitation is answered on that human's behalf, but
 * only while a call the human confirmed is in flight on that server; anything else is declined, so
 * elicitation can never become a way around the confirmation.
 */
export function answerElicitation(request: ElicitRequest, confirmedCallInFlight: boolean): ElicitResult {
  const params = request.params;
  if (!confirmedCallInFlight || params.mode === 'url' || !('requestedSchema' in params)) {
    return { action: 'decline' };
  }
  return { action: 'accept', content: affirmativeContent(params.requestedSchema) };
}

type RequestedSchema = Extract<ElicitRequest['params'], { requestedSchema: unknown }>['requestedSchema'];
type Answer = NonNullable<ElicitResult['content']>;

// A confirmation form is a boolean ("confirm") or a yes/no choice; fill each field with its "yes".
function affirmativeContent(schema: RequestedSchema): Answer {
  const content: Answer = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const value = affirmativeValue(property as Record<string, unknown>);
    if (value !== undefined) content[key] = value;
  }
  return content;
}

const yes = /^(yes|y|confirm(ed)?|approve(d)?|accept(ed)?|ok|true|apply)$/i;

function affirmativeValue(property: Record<string, unknown>): string | number | boolean | undefined {
  if (property.type === 'boolean') return true;
  const choices = Array.isArray(property.enum)
    ? property.enum
    : Array.isArray(property.oneOf)
      ? property.oneOf
      : [];
  const values = choices.map((choice: unknown) =>
    typeof choice === 'object' && choice !== null ? (choice as { const?: unknown }).const : choice,
  );
  const match = values.find((value) => typeof value === 'string' && yes.test(value));
  if (typeof match === 'string') return match;
  return property.default as string | number | boolean | undefined;
}
