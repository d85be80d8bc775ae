import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { fitToBudget } from './output/budget.js';
import { untrustedFence } from './output/fence.js';
import { renderJsonWithinBudget } from './output/json.js';
import type { ToolResult } from './tool.js';

// Room for the fence ends around JSON output, so the whole result stays within the budget.
export const fenceOverheadBytes = 256;

const defaultMoreHint = 'Ask a narrower question (fewer items, a shorter period, a filter) to see the rest.';

/**
 * Turns a handler's result into MCP content, applying the output budget in one place. `toolName`
 * attributes JSON whose handler named no source, so a fenced instruction is traceable to a tool.
 */
export function renderToolResult(result: ToolResult, budgetBytes: number, toolName?: string): CallToolResult {
  const content: CallToolResult['content'] = [];
  const moreHint = result.moreHint ?? defaultMoreHint;
  if (result.json !== undefined) {
    const fitted = renderJsonWithinBudget(result.json, budgetBytes - fenceOverheadBytes);
    // Raw objects carry cluster and cloud text (messages, annotations, tags) as much as tables do.
    // The fence ends are items of their own so the JSON item still parses.
    const generic = toolName ? `objects returned by the API to ${toolName}` : 'objects returned by the API';
    const fence = untrustedFence(result.jsonSource ?? generic);
    content.push(
      { type: 'text', text: fence.open },
      { type: 'text', text: fitted.text },
      { type: 'text', text: fence.close },
    );
    if (fitted.omitted > 0) {
      content.push({
        type: 'text',
        text: `[truncated: ${fitted.omitted} more item(s) not shown, output budget ${budgetBytes} bytes. ${moreHint}]`,
      });
    }
  }
  if (result.text !== undefined) {
    content.push({ type: 'text', text: fitToBudget(result.text, budgetBytes, moreHint).text });
  }
  for (const image of result.images ?? []) {
    content.push({ type: 'image', data: image.data, mimeType: image.mimeType });
  }
  if (content.length === 0) content.push({ type: 'text', text: '(no output)' });
  return { content: content.map(wellFormed) };
}

export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text: text.toWellFormed() }], isError: true };
}

// A lone surrogate (binary junk in a log, an object name cut elsewhere) would travel on as `\udXXX`
// JSON escapes that PostgreSQL's json type refuses; every text item leaves the server well-formed.
function wellFormed(item: CallToolResult['content'][number]): CallToolResult['content'][number] {
  return item.type === 'text' ? { ...item, text: item.text.toWellFormed() } : item;
}
