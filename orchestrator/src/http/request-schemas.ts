import { z } from 'zod';

// Request bodies of the ADK api_server routes, after camelizeKeys. Objects are loose where ADK's are
// extensible (Content, Part) so a newer client's extra fields pass through rather than fail.

const jsonObject = z.record(z.string(), z.unknown());

// Ids land in PostgreSQL text columns, which refuse NUL: a 422 here rather than a 500 there.
const id = () => z.string().regex(/^[^\0]*$/, 'must not contain NUL');

export const partSchema = z.looseObject({
  text: z.string().optional().describe('Plain text'),
  functionCall: z
    .looseObject({
      id: z.string().optional().describe('Call id'),
      name: z.string().min(1).describe('Function name'),
      args: jsonObject.optional().describe('Arguments'),
    })
    .optional()
    .describe('A function call'),
  functionResponse: z
    .looseObject({
      id: z.string().optional().describe('Id of the call answered'),
      name: z.string().min(1).describe('Function name'),
      response: jsonObject.describe('Result; for adk_request_confirmation, {"confirmed": true|false}'),
    })
    .optional()
    .describe('The answer to a function call'),
  inlineData: z
    .looseObject({
      mimeType: z.string().min(1).describe('MIME type'),
      data: z.string().describe('base64 bytes'),
    })
    .optional()
    .describe('Inline bytes'),
  thought: z.boolean().optional().describe('Whether the part is model reasoning'),
  thoughtSignature: z.string().optional().describe('Opaque Gemini signature'),
});

export const contentSchema = z.looseObject({
  role: z.string().optional().describe("'user' or 'model'"),
  parts: z.array(partSchema).describe('The message parts'),
});

export const runRequestSchema = z.object({
  appName: id().min(1).describe('App name, sre_agent'),
  userId: id().min(1).describe('User id'),
  sessionId: id().min(1).describe('Session id; create the session first'),
  newMessage: contentSchema.describe('The user message of this turn'),
  streaming: z.boolean().default(false).describe('Stream partial text events (run_sse only)'),
  stateDelta: jsonObject.optional().describe('State changes applied with the user message'),
  invocationId: z.string().optional().describe('Accepted for ADK compatibility; unused'),
});

const unknownFieldHint = (issue: z.core.$ZodRawIssue) =>
  issue.code === 'unrecognized_keys'
    ? `unknown field(s) ${issue.keys.join(', ')}: send the initial state as {"state": {...}}`
    : undefined;

export const createSessionWithIdSchema = z.strictObject(
  { state: jsonObject.optional().describe('Initial state; app:/user: prefixes are shared') },
  { error: unknownFieldHint },
);

export const importedEventSchema = z.looseObject({
  id: id().min(1).optional().describe('Event id; generated when absent'),
  invocationId: id().optional().describe('Invocation id'),
  author: id().min(1).describe("'user' or the agent name"),
  timestamp: z.number().optional().describe('Epoch seconds; now when absent'),
  content: contentSchema.optional().describe('The event content'),
  actions: z
    .looseObject({ stateDelta: jsonObject.optional().describe('State changes') })
    .optional()
    .describe('Event actions'),
});

export const createSessionSchema = z.strictObject(
  {
    sessionId: id().optional().describe('Session id; generated when absent'),
    state: jsonObject.optional().describe('Initial state'),
    events: z.array(importedEventSchema).optional().describe('Events to seed the session with'),
  },
  { error: unknownFieldHint },
);

export const updateSessionSchema = z.object({
  stateDelta: jsonObject.describe('State changes; prefixes as in ADK'),
});
