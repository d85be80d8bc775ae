import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * The JSON item of a tool result in `output: "json"` mode: the one between the ends of its
 * untrusted-data fence. An empty string when there is none, so JSON.parse fails loudly.
 */
export function jsonOf(result: CallToolResult): string {
  const index = result.content.findIndex(
    (item) => item.type === 'text' && item.text.startsWith('<untrusted-data '),
  );
  const item = index >= 0 ? result.content[index + 1] : undefined;
  return item?.type === 'text' ? item.text : '';
}
