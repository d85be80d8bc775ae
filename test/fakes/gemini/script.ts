// The scripted turns of the Gemini fake and the REST bodies the real API returns for each: a turn is
// what the model "says" next (function calls, text, a block, an error or silence), and the fake
// renders it exactly as generativelanguage.googleapis.com would, unary or as SSE chunks.
import { randomBytes, randomUUID } from 'node:crypto';

/** What the fake received, as @google/genai serialised it (REST field names). */
export interface RecordedRequest {
  model: string;
  stream: boolean;
  apiKey: string | undefined;
  /** The URL path: the Gemini API's, or Vertex AI's with project and location. */
  path?: string;
  /** Vertex AI's `Bearer` token (Application Default Credentials). */
  authorization?: string;
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: Array<{ functionDeclarations?: GeminiFunctionDeclaration[] }>;
  generationConfig?: Record<string, unknown>;
  toolConfig?: Record<string, unknown>;
}

export interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { id?: string; name: string; args?: Record<string, unknown> };
  functionResponse?: { id?: string; name: string; response?: Record<string, unknown> };
}

export interface GeminiContent {
  role?: string;
  parts: GeminiPart[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: unknown;
  parametersJsonSchema?: unknown;
}

interface TurnBase {
  /** Runs against the request before answering; a throw fails the request with 400 and is recorded. */
  expect?: (request: RecordedRequest) => void;
  /** Milliseconds to wait before answering (to measure or to race). */
  delayMs?: number;
}

export type GeminiTurn = TurnBase &
  (
    | { functionCalls: Array<{ name: string; args?: Record<string, unknown> }>; text?: string }
    /** `chunks` splits the text into that many SSE chunks when streaming. */
    | { text: string; chunks?: number }
    | { error: 400 | 403 | 429 | 500 | 503; message?: string }
    /** `prompt`: promptFeedback.blockReason and no candidates; `candidate`: finishReason SAFETY, no content. */
    | { block: 'prompt' | 'candidate'; reason?: string }
    /** Never answers: for client timeouts and aborts. */
    | { hang: true }
  );

/** A turn, or a function of the request that picks one (to echo tool results, for instance). */
export type ScriptStep = GeminiTurn | ((request: RecordedRequest) => GeminiTurn);

export interface RestReply {
  status: number;
  /** Unary: one body. Stream: one body per SSE `data:` frame. */
  bodies: unknown[];
}

const errorStatus: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  403: { status: 'PERMISSION_DENIED', message: "Method doesn't allow unregistered callers." },
  429: {
    status: 'RESOURCE_EXHAUSTED',
    message: 'You exceeded your current quota, please check your plan and billing details.',
  },
  500: { status: 'INTERNAL', message: 'An internal error has occurred. Please retry or report it.' },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
};

/** Google's error envelope (`google.rpc.Status` in JSON). */
export function errorBody(code: number, message?: string): unknown {
  const known = errorStatus[code] ?? { status: 'UNKNOWN', message: 'Unknown error.' };
  const details =
    code === 429 ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '17s' }] : undefined;
  return { error: { code, message: message ?? known.message, status: known.status, details } };
}

export function renderTurn(turn: GeminiTurn, model: string, stream: boolean): RestReply {
  if ('error' in turn) return { status: turn.error, bodies: [errorBody(turn.error, turn.message)] };
  const envelope = { modelVersion: model, responseId: randomUUID().slice(0, 22) };
  if ('block' in turn) {
    const reason = turn.reason ?? 'SAFETY';
    const body =
      turn.block === 'prompt'
        ? { promptFeedback: { blockReason: reason, safetyRatings: blockedRatings() }, ...envelope }
        : {
            candidates: [{ finishReason: reason, index: 0, safetyRatings: blockedRatings() }],
            ...envelope,
          };
    return { status: 200, bodies: [{ ...body, usageMetadata: usage(0) }] };
  }
  if ('functionCalls' in turn) {
    const parts: GeminiPart[] = turn.functionCalls.map((call, index) => ({
      functionCall: { name: call.name, args: call.args ?? {} },
      // Thinking models sign the first function call of a turn and expect the signature back.
      ...(index === 0 ? { thoughtSignature: newSignature() } : {}),
    }));
    if (turn.text) parts.unshift({ text: turn.text });
    return { status: 200, bodies: [candidateBody(parts, 'STOP', envelope, 8)] };
  }
  if ('text' in turn)
    return { status: 200, bodies: textBodies(turn.text, stream ? (turn.chunks ?? 3) : 1, envelope) };
  throw new Error('gemini fake: a hang turn has no reply');
}

function textBodies(text: string, chunks: number, envelope: object): unknown[] {
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, chunks)));
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  if (pieces.length === 0) pieces.push('');
  return pieces.map((piece, index) =>
    index === pieces.length - 1
      ? candidateBody([{ text: piece }], 'STOP', envelope, text.length)
      : { candidates: [{ content: { parts: [{ text: piece }], role: 'model' }, index: 0 }], ...envelope },
  );
}

function candidateBody(parts: GeminiPart[], finishReason: string, envelope: object, outTokens: number) {
  return {
    candidates: [{ content: { parts, role: 'model' }, finishReason, index: 0 }],
    usageMetadata: usage(outTokens),
    ...envelope,
  };
}

function usage(candidatesTokenCount: number) {
  const promptTokenCount = 120;
  return { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount };
}

function blockedRatings() {
  return [
    { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
    { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
  ];
}

const issuedSignatures = new Set<string>();

function newSignature(): string {
  const signature = randomBytes(24).toString('base64');
  issuedSignatures.add(signature);
  return signature;
}

// Google's documented stand-ins for a call Gemini did not make itself (injected, or from another model):
// https://ai.google.dev/gemini-api/docs/thought-signatures (FAQ).
const sentinelSignatures = new Set([
  'skip_thought_signature_validator',
  'context_engineering_is_the_way_to_go',
]);

export function isIssuedSignature(signature: string | undefined): boolean {
  return signature !== undefined && (issuedSignatures.has(signature) || sentinelSignatures.has(signature));
}
