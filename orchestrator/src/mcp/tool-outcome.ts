/** What a tool call came back with, reduced to what the model is fed. */
export interface ToolOutcome {
  /** True when the tool reported a failure (`isError`) or the call itself failed. */
  isError: boolean;
  text: string;
  /** A confirmed write that got no answer: it may or may not have taken effect (audited as `unknown`). */
  uncertain?: boolean;
  /**
   * Images the tool returned (base64), in order. `text` holds a placeholder for each (`imagePlaceholder`),
   * which the runner replaces once it has kept the image as an artifact.
   */
  images?: ToolImage[];
}

export interface ToolImage {
  mimeType: string;
  /** Base64, as MCP carries it. */
  data: string;
}

/** What `text` says where an image was, until the runner names the artifact that keeps it. */
export function imagePlaceholder(image: Pick<ToolImage, 'mimeType'>): string {
  return `[image ${image.mimeType} omitted]`;
}

interface ContentBlock {
  type: string;
  text?: string;
  mimeType?: string;
  data?: string;
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
  const images = blocks.flatMap((block) =>
    block.type === 'image' && typeof block.data === 'string' && block.data.length > 0
      ? [{ mimeType: block.mimeType ?? 'application/octet-stream', data: block.data }]
      : [],
  );
  return {
    isError: result.isError === true,
    text: pieces.join('\n'),
    ...(images.length > 0 ? { images } : {}),
  };
}

function describeBlock(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text ?? '';
    case 'resource':
      return block.resource?.text ?? `[resource ${block.resource?.uri ?? ''}]`;
    case 'resource_link':
      return `[resource link ${block.uri ?? ''}]`;
    case 'image':
      return imagePlaceholder({ mimeType: block.mimeType ?? 'application/octet-stream' });
    default:
      return `[${block.type}${block.mimeType ? ` ${block.mimeType}` : ''} omitted]`;
  }
}

export function failedOutcome(text: string): ToolOutcome {
  return { isError: true, text };
}
