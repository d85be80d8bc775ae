// The request checks the real Gemini API makes and an orchestrator can get wrong: every function call
// turn answered by exactly its function responses, non-empty parts, valid function names, and
// (thinking models) the thought signature of the current turn's function calls sent back.
import { type GeminiContent, isIssuedSignature, type RecordedRequest } from './script.ts';

const functionName = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

/** Returns the INVALID_ARGUMENT message Gemini would answer with, or undefined when the request is valid. */
export function validateRequest(request: RecordedRequest, requireSignatures: boolean): string | undefined {
  if (!Array.isArray(request.contents) || request.contents.length === 0) {
    return '* GenerateContentRequest.contents: contents is not specified';
  }
  for (const [index, content] of request.contents.entries()) {
    if (!Array.isArray(content.parts) || content.parts.length === 0) {
      return `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`;
    }
  }
  return (
    checkToolNames(request) ??
    checkCallResponsePairs(request.contents) ??
    (requireSignatures ? checkSignatures(request.contents) : undefined)
  );
}

function checkToolNames(request: RecordedRequest): string | undefined {
  for (const tool of request.tools ?? []) {
    for (const [index, declaration] of (tool.functionDeclarations ?? []).entries()) {
      if (!functionName.test(declaration.name ?? '')) {
        return (
          `* GenerateContentRequest.tools[0].function_declarations[${index}].name: Invalid function name. ` +
          'Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), ' +
          'dots (.), colons (:), or dashes (-), with a maximum length of 64.'
        );
      }
    }
  }
  return undefined;
}

function checkCallResponsePairs(contents: GeminiContent[]): string | undefined {
  for (const [index, content] of contents.entries()) {
    const responses = content.parts.filter((part) => part.functionResponse).length;
    const previous = contents[index - 1];
    const previousCalls =
      previous?.role === 'model' ? previous.parts.filter((part) => part.functionCall) : [];
    if (responses > 0 && previousCalls.length === 0) {
      return (
        'Please ensure that function response turn comes immediately after a function call turn. ' +
        `(contents[${index}])`
      );
    }
    if (responses > 0 && responses !== previousCalls.length) {
      return (
        'Please ensure that the number of function response parts is equal to the number of function call ' +
        `parts of the function call turn. (contents[${index}]: ${responses} responses, ${previousCalls.length} calls)`
      );
    }
    const calls = content.role === 'model' ? content.parts.filter((part) => part.functionCall).length : 0;
    if (calls > 0 && previous?.role !== 'user') {
      return (
        'Please ensure that function call turn comes immediately after a user turn or after a function ' +
        `response turn. (contents[${index}])`
      );
    }
    const next = contents[index + 1];
    if (calls > 0 && next && !next.parts.some((part) => part.functionResponse)) {
      return `Please ensure that function call turn comes immediately before a function response turn. (contents[${index}])`;
    }
  }
  return undefined;
}

// Gemini 3 validates signatures for the current turn only: the model contents after the last user text.
function checkSignatures(contents: GeminiContent[]): string | undefined {
  let start = 0;
  contents.forEach((content, index) => {
    if (content.role === 'user' && content.parts.some((part) => part.text !== undefined)) start = index;
  });
  for (let index = start; index < contents.length; index++) {
    const content = contents[index]!;
    const first = content.parts.find((part) => part.functionCall);
    if (content.role === 'model' && first && !isIssuedSignature(first.thoughtSignature)) {
      return (
        `Function call is missing a thought_signature in functionCall parts. ` +
        `This is required for tools to work correctly. (contents[${index}])`
      );
    }
  }
  return undefined;
}
