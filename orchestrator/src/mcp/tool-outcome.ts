/** What a tool call came back with, reduced to what the model is fed. */
export interface ToolOutcome {
  /** True when the tool reported a failure (`isError`) or the call itself failed. */
  isError: boolean;
  text: string;
  /** A confirmed write that got no answer: it may or may not have taken effect (audited as `unknown`). */
  uncertain?: boolean;
}

interface ContentBlock {
  type: string;
  text?: string;
  mimeType?: string;
  uri?: string;
  resource?: { uri?: string; text?: string };
}

/** Text blocks joined; other blocks named, so the model knows something was there. */
export function outcomeFromResult(result: {
  content?: unknown;
  structuredContent?: unknown;
  isError?: unknown;
  toolResult?: unknown;
}): ToolOutcome {
  const blocks = Array.isArray(result.content) ? (result.content as ContentBlock[]) : [];
  const pieces = blocks.map(describeBlock).filter((piece) => piece.length > 0);
  if (pieces.length === 0 && result.structuredContent !== undefined) {
    pieces.push(JSON.stringify(result.structuredContent));
  }
  // Servers speaking the 2024-10-07 protocol answer with `toolResult` instead of `content`.
  if (pieces.length === 0 && result.toolResult !== undefined) pieces.push(JSON.stringify(result.toolResult));
  return { isError: result.isError === true, text: pieces.join('\n') };
}

function describeBlock(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text ?? '';
    case 'resource':
      return block.resource?.text ?? `[resource ${block.resource?.uri ?? ''}]`;
    case 'resource_link':
      return `[resource link ${block.uri ?? ''}]`;
    default:
      return `[${block.type}${block.mimeType ? ` ${block.mimeType}` : ''} omitted]`;
  }
}

export function failedOutcome(text: string): ToolOutcome {
  return { isError: true, text };
}
