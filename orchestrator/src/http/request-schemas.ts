import { z } from 'zod';
import { requestConfirmationName } from '../runner/confirmation.js';

// Request bodies of the ADK api_server routes, after camelizeKeys. Objects are loose where ADK's are
// extensible (Content, Part) so a newer client's extra fields pass through rather than fail.

const jsonObject = z.record(z.string(), z.unknown());

// Ids land in PostgreSQL text columns, which refuse NUL: a 422 here rather than a 500 there.
const id = () => z.string().regex(/^[^\0]*$/, 'must not contain NUL');

// Gemini's Part is a oneof: exactly one of these carries its content. A part with none (`{}`, a lone
// `thought` flag) or two is refused by Gemini with INVALID_ARGUMENT on every later request of the session
// once stored, so it is refused here, before it is stored.
export const partDataFields = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
] as const;

// The Part itself stays loose (the Gemini client sends only the fields it knows), but what is inside is
// sent as is: a field Gemini does not take (the ADK dev UI's `inlineData.displayName`, say) would fail
// every later request of the session, so those objects keep only Gemini's fields.

// Standard or URL-safe alphabet, padding optional: what Gemini takes for bytes.
const base64 = () => z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');

export const partSchema = z
  .looseObject({
    text: z.string().optional().describe('Plain text'),
    functionCall: z
      .object({
        id: z.string().optional().describe('Call id'),
        name: z.string().min(1).describe('Function name'),
        args: jsonObject.optional().describe('Arguments'),
      })
      .optional()
      .describe('A function call'),
    functionResponse: z
      .object({
        id: z.string().optional().describe('Id of the call answered'),
        name: z.string().min(1).describe('Function name'),
        response: jsonObject.describe('Result; for adk_request_confirmation, {"confirmed": true|false}'),
      })
      .optional()
      .describe('The answer to a function call'),
    inlineData: z
      .object({
        mimeType: z.string().min(1).describe('MIME type'),
        data: base64().describe('base64 bytes'),
      })
      .optional()
      .describe('Inline bytes'),
    fileData: z
      .object({
        fileUri: z.string().min(1).describe('URI of the file (Gemini Files API or a bucket)'),
        mimeType: z.string().min(1).optional().describe('MIME type'),
      })
      .optional()
      .describe('A file by reference'),
    executableCode: z
      .object({
        language: z.string().min(1).describe('Language, e.g. PYTHON'),
        code: z.string().describe('The code'),
      })
      .optional()
      .describe('Code the model wrote for code execution'),
    codeExecutionResult: z
      .object({
        outcome: z.string().min(1).describe('OUTCOME_OK, OUTCOME_FAILED, ...'),
        output: z.string().optional().describe('Output of the run'),
      })
      .optional()
      .describe('The result of executableCode'),
    thought: z.boolean().optional().describe('Whether the text part is model reasoning'),
    thoughtSignature: base64().optional().describe('Opaque Gemini signature'),
  })
  .superRefine((part, ctx) => {
    const problem = partProblem(part);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });

type PartInput = Partial<Record<(typeof partDataFields)[number], unknown>> & {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
};

function partProblem(part: PartInput): { path: string[]; message: string } | undefined {
  const present = partDataFields.filter((field) => part[field] !== undefined);
  const expected = `a part carries exactly one of ${partDataFields.join(', ')}`;
  if (present.length === 0) {
    const message =
      part.thought !== undefined
        ? `holds only "thought", a flag that marks a text part as the model's reasoning: add its "text" or leave the part out`
        : `holds no content: ${expected}`;
    return { path: [], message };
  }
  if (present.length > 1) {
    return { path: [], message: `holds ${present.join(' and ')}: ${expected}; send them as separate parts` };
  }
  if (part.thought === true && present[0] !== 'text') {
    return { path: ['thought'], message: `"thought" marks a text part, not ${present[0]}` };
  }
  // Gemini refuses an empty text; one it sent itself carries a signature and goes back as it came.
  if (part.text === '' && part.thoughtSignature === undefined) {
    return { path: ['text'], message: 'is empty: Gemini refuses an empty text part; leave the part out' };
  }
  return undefined;
}

export const contentSchema = z.looseObject({
  role: z.enum(['user', 'model']).optional().describe("'user' or 'model'"),
  parts: z.array(partSchema).describe('The message parts'),
});

/**
 * A client's message. A function call is the model's alone, and the one call a client answers is a
 * pending confirmation: anything else would be dropped on the way to the model, leaving it nothing to
 * answer (Gemini: "contents are required").
 */
export const userMessageSchema = contentSchema.superRefine((content, ctx) => {
  if (content.parts.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['parts'],
      message: 'is empty: a message needs at least one part, e.g. {"text": "..."}',
    });
  }
  for (const [index, part] of content.parts.entries()) {
    if (part.functionCall !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['parts', index, 'functionCall'],
        message: 'a user message cannot carry a functionCall: only the model calls tools; ask in a text part',
      });
    }
    const name = part.functionResponse?.name;
    if (name !== undefined && name !== requestConfirmationName) {
      ctx.addIssue({
        code: 'custom',
        path: ['parts', index, 'functionResponse', 'name'],
        message: `answers "${name}", but a client answers only ${requestConfirmationName} (a change waiting for approval); tool results come from the runner. Ask in a text part`,
      });
    }
  }
});

export const runRequestSchema = z.object({
  appName: id().min(1).describe('App name, sre_agent'),
  userId: id().min(1).describe('User id'),
  sessionId: id().min(1).describe('Session id; create the session first'),
  newMessage: userMessageSchema.describe('The user message of this turn'),
  streaming: z.boolean().default(false).describe('Stream partial text events (run_sse only)'),
  stateDelta: jsonObject.optional().describe('State changes applied with the user message'),
  invocationId: z.string().optional().describe('Accepted for ADK compatibility; unused'),
});

/**
 * `POST .../sessions/{id}`. ADK Python declares the body as the state itself (FastAPI's single body
 * parameter), while the seed's README and ADK JS send `{"state": {...}}`: a body that is exactly that is
 * unwrapped, anything else is the state as sent (its keys kept, not camelised). Parsed from the raw JSON.
 */
export const createSessionWithIdSchema = z
  .unknown()
  .transform((body): { state?: unknown } =>
    isWrappedState(body) ? { state: body.state ?? undefined } : { state: body },
  )
  .pipe(z.object({ state: jsonObject.optional().describe('Initial state; app:/user: prefixes are shared') }));

function isWrappedState(body: unknown): body is { state?: unknown } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  // `{}` (an empty body read as one) is no state, as is `{"state": null}`.
  return keys.length === 0 || (keys.length === 1 && keys[0] === 'state');
}

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

// Loose, as FastAPI's models are: a field this server does not know (a newer client's) is ignored.
export const createSessionSchema = z.object({
  sessionId: id().optional().describe('Session id; generated when absent'),
  state: jsonObject.optional().describe('Initial state'),
  events: z.array(importedEventSchema).optional().describe('Events to seed the session with'),
});

export const updateSessionSchema = z.object({
  stateDelta: jsonObject.describe('State changes; prefixes as in ADK'),
});
