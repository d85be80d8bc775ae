import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * The orchestrator asks its human through ADK's `adk_request_confirmation`, before the tool is ever
 * called. A server that then asks again over MCP elicitation is answered on that human's behalf only
 * when the question belongs to the one call the human confirmed: the connection runs that call alone
 * and passes `ownsQuestion` true for the first question asked while it runs, false for anything else.
 * Only a yes/no form is answered yes (its boolean fields set to true): the human approved running the
 * call, not whatever else a form might ask (a choice, a text, a number), so any other form is declined.
 */
export function answerElicitation(request: ElicitRequest, ownsQuestion: boolean): ElicitResult {
  const params = request.params;
  if (!ownsQuestion || params.mode === 'url' || !('requestedSchema' in params)) return { action: 'decline' };
  const content = yesNoAnswer(params.requestedSchema);
  return content ? { action: 'accept', content } : { action: 'decline' };
}

type RequestedSchema = Extract<ElicitRequest['params'], { requestedSchema: unknown }>['requestedSchema'];
type Answer = NonNullable<ElicitResult['content']>;

function yesNoAnswer(schema: RequestedSchema): Answer | undefined {
  const properties = Object.entries(schema.properties ?? {}) as Array<[string, { type?: unknown }]>;
  const booleans = properties.filter(([, property]) => property.type === 'boolean');
  const required = schema.required ?? [];
  const answerable = required.every((name) => booleans.some(([key]) => key === name));
  if (booleans.length === 0 || !answerable) return undefined;
  return Object.fromEntries(booleans.map(([key]) => [key, true]));
}
